package dev.gannet.xa.narayana;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import java.sql.Connection;

/**
 * "Consume the order, insert it, confirm it" in one JTA transaction: receives an order from the queue
 * {@value #ORDERS}, inserts it into {@link OrdersDatabase}, sends {@code "confirmed " + order} to
 * {@value #CONFIRMATIONS}, with the database and the broker enlisted (in that order) as {@link CountingXAResource}s.
 * {@link #begin} leaves the transaction open and associated with the thread, so that the caller sets its steps on the
 * resources before committing, rolling back or crashing.
 */
public final class OrderTransfer implements AutoCloseable {

    public static final String ORDERS = "orders";
    public static final String CONFIRMATIONS = "confirmations";

    private final TransactionManager transactionManager;
    private final XASession session;
    private final MessageConsumer orders;
    private final MessageProducer confirmations;
    private final OrdersDatabase database;

    /** One transfer after the other through one XA session of {@code connection} (started by the caller). */
    public OrderTransfer(TransactionManager transactionManager, XAConnection connection, OrdersDatabase database)
            throws JMSException {
        this.transactionManager = transactionManager;
        this.session = connection.createXASession();
        Session work = session.getSession();
        this.orders = work.createConsumer(work.createQueue(ORDERS));
        this.confirmations = work.createProducer(work.createQueue(CONFIRMATIONS));
        this.database = database;
    }

    /** One transfer under way: its order and the two enlisted resources. Close it after the transaction ended. */
    public record Transfer(String order, CountingXAResource database, CountingXAResource broker,
                           javax.sql.XAConnection databaseConnection) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            databaseConnection.close();
        }
    }

    /**
     * Begins a transaction and does the transfer's work in it; returns with the transaction still open.
     *
     * @throws IllegalStateException if no order arrives within {@code receiveMillis}
     */
    public Transfer begin(long receiveMillis) throws Exception {
        transactionManager.begin();
        Transaction transaction = transactionManager.getTransaction();
        javax.sql.XAConnection databaseConnection = database.xaConnection();
        CountingXAResource db = new CountingXAResource("derby", databaseConnection.getXAResource());
        CountingXAResource broker = new CountingXAResource("gannet", session.getXAResource());
        transaction.enlistResource(db);
        transaction.enlistResource(broker);
        Message message = orders.receive(receiveMillis);
        if (message == null) {
            transactionManager.rollback();
            databaseConnection.close();
            throw new IllegalStateException("No order arrived on " + ORDERS + " within " + receiveMillis + " ms");
        }
        String order = ((TextMessage) message).getText();
        try (Connection connection = databaseConnection.getConnection()) {
            OrdersDatabase.insert(connection, order, "received " + order);
        }
        confirmations.send(session.getSession().createTextMessage("confirmed " + order));
        return new Transfer(order, db, broker, databaseConnection);
    }

    @Override
    public void close() throws JMSException {
        session.close();
    }
}
