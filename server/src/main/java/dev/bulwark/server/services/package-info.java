/**
 * What a service package declares: its {@code Operation}s (IAM action and resource per request, read-only flag,
 * typed handler), collected in the {@code OperationRegistry} the pipeline routes to. One sub-package per AWS
 * service with the same inner layout ({@code XxxService}, {@code XxxStore}, {@code XxxErrors}, {@code model/}).
 */
package dev.bulwark.server.services;
