/**
 * The Bulwark process: {@link dev.bulwark.server.BulwarkServer} assembles the store, the services, the request
 * pipeline and the HTTP front in one place; {@link dev.bulwark.server.Initializer} creates the first account the
 * way AWS recommends; {@link dev.bulwark.server.CoverageTable} generates the README's coverage table from the
 * operation registry.
 */
package dev.bulwark.server;
