package dev.gannet.xa.narayana;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import org.apache.derby.jdbc.EmbeddedXADataSource;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database the tests move messages into: an embedded Derby database in a directory, reached through Derby's XA
 * data source ({@link EmbeddedXADataSource}), with one table, {@code ORDERS(ID, BODY)}. The id is no key on purpose:
 * an order inserted twice shows as two rows, where a key would hide the duplicate behind a failed insert.
 */
public final class OrdersDatabase implements AutoCloseable {

    private final EmbeddedXADataSource dataSource = new EmbeddedXADataSource();
    private final Path directory;
    private XAConnection recoveryConnection; // guarded by this; opened by the first recovery scan

    /** The database in {@code directory}, created with its table when missing. */
    public OrdersDatabase(Path directory) throws SQLException {
        this.directory = directory;
        dataSource.setDatabaseName(directory.toAbsolutePath().toString());
        dataSource.setCreateDatabase("create");
        try (Connection connection = dataSource.getConnection()) {
            boolean exists;
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "ORDERS", null)) {
                exists = tables.next();
            }
            if (!exists) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE ORDERS (ID VARCHAR(64) NOT NULL, BODY VARCHAR(1000))");
                }
            }
        }
    }

    /** A new XA connection: enlist its {@code getXAResource()}, work through its {@code getConnection()}. */
    public XAConnection xaConnection() throws SQLException {
        return dataSource.getXAConnection();
    }

    /** Inserts order {@code id} through {@code connection} (the XA connection's, inside a global transaction). */
    public static void insert(Connection connection, String id, String body) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ORDERS (ID, BODY) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, body);
            insert.executeUpdate();
        }
    }

    /** How many rows order {@code id} has. */
    public int count(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM ORDERS WHERE ID = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The ids of every row, in id order. */
    public List<String> ids() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ID FROM ORDERS ORDER BY ID")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** The branches Derby holds prepared (in doubt). */
    public List<Xid> inDoubt() throws SQLException, javax.transaction.xa.XAException {
        XAConnection connection = xaConnection();
        try {
            Xid[] xids = connection.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return xids == null ? List.of() : List.of(xids);
        } finally {
            connection.close();
        }
    }

    /** Narayana's way to Derby's in-doubt branches: one XA connection for every scan, closed by {@link #close()}. */
    public XAResourceRecoveryHelper recovery() {
        return new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String properties) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() throws SQLException {
                return new XAResource[] {recoveryConnection().getXAResource()};
            }

            @Override
            public String toString() {
                return "Derby " + directory;
            }
        };
    }

    private synchronized XAConnection recoveryConnection() throws SQLException {
        if (recoveryConnection == null) {
            recoveryConnection = xaConnection();
        }
        return recoveryConnection;
    }

    /** Closes the recovery connection and shuts the database down (not the Derby engine: a broker may use it). */
    @Override
    public void close() throws SQLException {
        synchronized (this) {
            if (recoveryConnection != null) {
                recoveryConnection.close();
                recoveryConnection = null;
            }
        }
        EmbeddedXADataSource shutdown = new EmbeddedXADataSource();
        shutdown.setDatabaseName(directory.toAbsolutePath().toString());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) { // Derby says "shut down" with this exception
                throw e;
            }
        }
    }
}
