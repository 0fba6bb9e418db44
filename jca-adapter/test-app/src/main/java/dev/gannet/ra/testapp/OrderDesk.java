package dev.gannet.ra.testapp;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Sends orders through the adapter's connection factory inside container-managed transactions ({@code REQUIRED}):
 * each business method is one JTA transaction, which the server's transaction manager commits when the method
 * returns, or rolls back after {@link SessionContext#setRollbackOnly()} or a system exception.
 */
@Stateless
public class OrderDesk {
    /** The property {@link RedListener}'s selector reads. */
    public static final String COLOUR = "colour";

    @Resource(name = "jms/gannet")
    private ConnectionFactory factory;

    /** The server's administered queue ({@code GannetQueue}) for {@link Destinations#ADMINISTERED_ORDERS}. */
    @Resource(name = "jms/administered-orders")
    private Queue administeredOrders;

    @Resource(name = "jdbc/orders")
    private DataSource orders;

    @Resource
    private SessionContext context;

    /** Sends {@code text} to the queue {@code queue}; it is delivered once the transaction commits. */
    public void send(String queue, String text) {
        send(queue, text, null);
    }

    /** Sends {@code text} with the string property {@value #COLOUR} set to {@code colour}. */
    public void sendColoured(String queue, String text, String colour) {
        send(queue, text, colour);
    }

    /** Sends {@code text} to the queue the server binds as an administered object. */
    public void sendToAdministeredQueue(String text) {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(administeredOrders).send(session.createTextMessage(text));
        } catch (JMSException e) {
            throw new OrderRefused("Sending to " + administeredOrders + " failed", e);
        }
    }

    /** Publishes {@code text} to the topic {@code topic}. */
    public void publish(String topic, String text) {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createTopic(topic)).send(session.createTextMessage(text));
        } catch (JMSException e) {
            throw new OrderRefused("Publishing to " + topic + " failed", e);
        }
    }

    /** Sends, then marks the transaction rollback-only: the message is never delivered. */
    public void sendThenRollBack(String queue, String text) {
        send(queue, text);
        context.setRollbackOnly();
    }

    /** Sends, then throws {@link OrderRefused} (a system exception): the message is never delivered. */
    public void sendThenFail(String queue, String text) {
        send(queue, text);
        throw new OrderRefused("Order '" + text + "' refused after it was sent", null);
    }

    /**
     * Sends {@code text} and inserts the row ({@code id}, {@code text}) into the XA datasource's {@code ORDERS}
     * table in the same transaction. An {@code id} already in the table makes the insert fail, and the message
     * sent before it is rolled back with it.
     */
    public void sendAndRecord(String queue, int id, String text) {
        send(queue, text);
        try (var connection = orders.getConnection();
                PreparedStatement insert = connection.prepareStatement(OrderTable.INSERT)) {
            insert.setInt(1, id);
            insert.setString(2, text);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new OrderRefused("Order " + id + " could not be recorded", e);
        }
    }

    private void send(String queue, String text, String colour) {
        try (Connection connection = factory.createConnection()) {
            // inside a JTA transaction the arguments are ignored: the session joins the transaction (spec 12.3)
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(text);
            if (colour != null) {
                message.setStringProperty(COLOUR, colour);
            }
            session.createProducer(session.createQueue(queue)).send(message);
        } catch (JMSException e) {
            throw new OrderRefused("Sending '" + text + "' to " + queue + " failed", e);
        }
    }
}
