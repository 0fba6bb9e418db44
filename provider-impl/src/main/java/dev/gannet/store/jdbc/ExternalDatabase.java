package dev.gannet.store.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database the broker reaches over JDBC and does not run itself (a PostgreSQL server, a Derby network server, a
 * pool of the application server): by URL, user and password, or through a {@link DataSource}. Shutting it down
 * only lets go of it.
 */
final class ExternalDatabase implements JdbcMessageStore.Database {

    /** Opens one connection to the database. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final String dialect;
    private final ConnectionSource source;
    private final String description;

    private ExternalDatabase(String dialect, ConnectionSource source, String description) {
        this.dialect = dialect;
        this.source = source;
        this.description = description;
    }

    /** The database at a JDBC URL; {@code user} and {@code password} may be null. */
    static ExternalDatabase atUrl(String url, String user, String password, String dialect) {
        return new ExternalDatabase(dialect, () -> user == null ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password), "database " + url);
    }

    /** The database of {@code dataSource}. */
    static ExternalDatabase of(DataSource dataSource, String dialect) {
        return new ExternalDatabase(dialect, dataSource::getConnection, "database of " + dataSource);
    }

    @Override
    public String dialect() {
        return dialect;
    }

    /** A database the broker does not run is there, as far as it can tell without connecting. */
    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Connection open() throws SQLException {
        return source.open();
    }

    @Override
    public void shutdown() {
        // the database runs on; closing the store's connection let go of it
    }

    @Override
    public String toString() {
        return description;
    }
}
