package dev.gannet.store.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** An embedded Apache Derby database in a directory: the store Gannet uses by default. */
public final class DerbyDatabase implements JdbcMessageStore.Database {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyDatabase.class);
    /** SQLState Derby reports when a single database shut down as asked. */
    private static final String SHUTDOWN_OK = "08006";

    private final Path directory;

    /** @param directory the database directory; its parent is created when missing */
    public DerbyDatabase(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    @Override
    public String dialect() {
        return "derby";
    }

    @Override
    public boolean exists() {
        return Files.isDirectory(directory);
    }

    @Override
    public Connection open() throws SQLException {
        try {
            Files.createDirectories(directory.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory.getParent(), e);
        }
        DerbyLog.install();
        return DriverManager.getConnection("jdbc:derby:" + directory + ";create=true");
    }

    @Override
    public void shutdown() {
        try {
            DriverManager.getConnection("jdbc:derby:" + directory + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!SHUTDOWN_OK.equals(e.getSQLState())) {
                LOG.warn("Derby database {} did not shut down cleanly", directory, e);
            }
        }
    }

    @Override
    public String toString() {
        return "Derby database " + directory;
    }
}
