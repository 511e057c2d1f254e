/**
 * The durable store: an embedded SQLite file under the data directory by default, PostgreSQL by JDBC URL for
 * several nodes, one portable schema applied by {@link dev.bulwark.server.store.Migrations}.
 *
 * <p>All access goes through {@link dev.bulwark.server.store.Store#inTransaction} and
 * {@link dev.bulwark.server.store.Store#readOnly}: work runs against a {@link dev.bulwark.server.store.Tx} and is
 * committed as a whole or not at all. Secrets at rest are sealed by {@link dev.bulwark.server.store.SecretBox};
 * passwords are hashed by {@link dev.bulwark.server.store.Passwords}. See docs/STORE.md for the engine measurement
 * and the design choices.
 */
package dev.bulwark.server.store;
