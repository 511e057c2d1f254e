/**
 * Crash durability of the real server process: {@code bulwark serve} runs as a child JVM, is killed with SIGKILL
 * mid-write and restarted on the same data, and every write a client saw acknowledged must be there with its
 * CloudTrail event. Runs on the embedded store and on PostgreSQL (see {@code StoreKinds}).
 */
package dev.bulwark.server.durability;
