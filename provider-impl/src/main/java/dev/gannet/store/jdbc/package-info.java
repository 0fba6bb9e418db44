/**
 * The JDBC store: {@link dev.gannet.store.jdbc.JdbcMessageStore} over one database
 * ({@link dev.gannet.store.jdbc.DerbyDatabase} embedded, or a database reached by URL or {@code DataSource}), its
 * group-commit writer, schema creation and upgrades, quarantine, and the consistency check
 * ({@link dev.gannet.store.jdbc.StoreCheck}). The SQL lives in {@code sql.properties}, a dialect-prefixed key
 * ({@code derby.}, {@code postgresql.}) overriding the standard one. Opened by {@code store.factory}; the standalone
 * server calls {@code StoreCheck} and {@code JdbcMessageStore.Database.of}.
 */
package dev.gannet.store.jdbc;
