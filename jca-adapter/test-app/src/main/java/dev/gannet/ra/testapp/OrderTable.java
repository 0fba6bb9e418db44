package dev.gannet.ra.testapp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code ORDERS} table in the XA datasource: created when the application starts, read by the scenarios.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderTable {
    static final String INSERT = "INSERT INTO ORDERS (ID, TEXT) VALUES (?, ?)";
    private static final String CREATE = "CREATE TABLE ORDERS (ID INT PRIMARY KEY, TEXT VARCHAR(200) NOT NULL)";
    /** Derby's SQLState for "table already exists". */
    private static final String ALREADY_EXISTS = "X0Y32";

    @Resource(name = "jdbc/orders")
    private DataSource orders;

    @PostConstruct
    void create() {
        try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(CREATE);
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.equals(e.getSQLState())) {
                throw new IllegalStateException("The ORDERS table could not be created", e);
            }
        }
    }

    /** The text of the order {@code id}, if its row is in the table. */
    public Optional<String> find(int id) {
        try (Connection connection = orders.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT TEXT FROM ORDERS WHERE ID = ?")) {
            select.setInt(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Order " + id + " could not be read", e);
        }
    }
}
