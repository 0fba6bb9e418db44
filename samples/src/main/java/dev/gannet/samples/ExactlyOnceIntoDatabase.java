package dev.gannet.samples;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.coordinator.TxControl;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.xa.narayana.GannetXAResourceRecovery;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.apache.derby.jdbc.EmbeddedXADataSource;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Exactly once from a queue into a database: each order is consumed from a Gannet queue and inserted into a Derby
 * table in one JTA transaction, with Narayana as the transaction manager in plain Java SE. Both commit, or neither
 * does: an order whose transaction rolls back (here the application fails once on purpose) comes back, redelivered,
 * and is inserted by its next transaction, never twice. {@code GannetXAResourceRecovery} is registered with
 * Narayana's recovery manager, which would complete a transaction a crash left between prepare and commit.
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dsample=dev.gannet.samples.ExactlyOnceIntoDatabase}. Everything
 * (broker store, database, Narayana's object store) lives in a temporary directory, removed at the end.
 */
public final class ExactlyOnceIntoDatabase {

    private static final int ORDERS = 10;
    /** The order whose first attempt fails after its insert. */
    private static final String FAILS_ONCE = "order-4";

    private ExactlyOnceIntoDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("gannet-exactly-once-");
        try {
            run(work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                System.out.println("could not remove " + work + ": " + e);
            }
        }
    }

    private static void run(Path work) throws Exception {
        // 1. Narayana, configured before its first use: where its log (the object store) lives, and this node's name,
        //    which recovery needs to roll back branches its log does not know (presumed abort).
        for (String store : new String[] {null, "communicationStore", "stateStore"}) {
            (store == null ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store))
                    .setObjectStoreDir(work.resolve("narayana").toString());
        }
        arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier("exactly-once");
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of("exactly-once"));
        TransactionManager transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();

        // 2. The two resource managers: a Gannet broker (in this JVM here; tcp://host:port works the same) and Derby.
        String brokerUrl = "vm://exactly-once?dataDirectory=" + work.resolve("broker");
        GannetXAConnectionFactory gannet = new GannetXAConnectionFactory(brokerUrl);
        EmbeddedXADataSource database = new EmbeddedXADataSource();
        database.setDatabaseName(work.resolve("orders-db").toString());
        database.setCreateDatabase("create");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ORDERS (ID VARCHAR(64) PRIMARY KEY, BODY VARCHAR(200))");
        }

        // 3. Recovery: Narayana's recovery manager asks both for their in-doubt branches, now and periodically.
        javax.sql.XAConnection databaseRecoveryConnection = database.getXAConnection();
        XAResourceRecoveryHelper databaseRecovery = new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String properties) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() throws SQLException {
                return new XAResource[] {databaseRecoveryConnection.getXAResource()};
            }
        };
        GannetXAResourceRecovery gannetRecovery = new GannetXAResourceRecovery(gannet);
        // Created without its thread, so that the helpers are there before the first scan; then scans periodically.
        RecoveryManager recoveryManager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule xaRecovery = XARecoveryModule.getRegisteredXARecoveryModule();
        try {
            xaRecovery.addXAResourceRecoveryHelper(gannetRecovery);
            xaRecovery.addXAResourceRecoveryHelper(databaseRecovery);
            recoveryManager.scan();
            recoveryManager.startRecoveryManagerThread();
            System.out.println("Recovery registered for " + brokerUrl + " and the orders database; a first scan"
                    + " completed whatever a crash of an earlier run left in doubt, the next ones follow every"
                    + " 2 minutes");

            // 4. The orders arrive (plain persistent sends).
            try (JMSContext context = new GannetConnectionFactory(brokerUrl).createContext()) {
                Queue queue = context.createQueue("orders");
                for (int i = 1; i <= ORDERS; i++) {
                    context.createProducer().send(queue, "order-" + i);
                }
            }
            System.out.println("Sent " + ORDERS + " orders to queue 'orders'");

            // 5. Each order: receive it and insert it in one global transaction.
            int committed = 0;
            int rolledBack = 0;
            XAConnection connection = gannet.createXAConnection();
            try {
                connection.start();
                XASession session = connection.createXASession();
                Queue orders = session.getSession().createQueue("orders");
                MessageConsumer consumer = session.getSession().createConsumer(orders);
                while (true) {
                    transactionManager.begin();
                    Transaction transaction = transactionManager.getTransaction();
                    javax.sql.XAConnection sql = database.getXAConnection();
                    try {
                        transaction.enlistResource(session.getXAResource());
                        transaction.enlistResource(sql.getXAResource());
                        Message message = consumer.receive(1000);
                        if (message == null) {
                            transactionManager.rollback();
                            break;
                        }
                        String order = ((TextMessage) message).getText();
                        int attempt = message.getIntProperty("JMSXDeliveryCount");
                        try (Connection jdbc = sql.getConnection();
                             PreparedStatement insert = jdbc.prepareStatement("INSERT INTO ORDERS VALUES (?, ?)")) {
                            insert.setString(1, order);
                            insert.setString(2, "received on attempt " + attempt);
                            insert.executeUpdate();
                        }
                        if (order.equals(FAILS_ONCE) && attempt == 1) {
                            System.out.println(order + ", attempt 1: inserted, then the application fails:"
                                    + " rolling back the insert and the receive");
                            transactionManager.rollback();
                            rolledBack++;
                        } else {
                            transactionManager.commit();
                            committed++;
                            System.out.println(order + ", attempt " + attempt + ": received and inserted,"
                                    + " committed together");
                        }
                    } finally {
                        sql.close();
                    }
                }
            } finally {
                connection.close();
            }

            // 6. What the database and the queue hold now.
            int rows;
            int distinct;
            try (Connection jdbc = database.getConnection(); Statement statement = jdbc.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT ID) FROM ORDERS")) {
                result.next();
                rows = result.getInt(1);
                distinct = result.getInt(2);
            }
            String left;
            try (JMSContext context = new GannetConnectionFactory(brokerUrl).createContext()) {
                left = context.createConsumer(context.createQueue("orders")).receiveBody(String.class, 500);
            }
            System.out.printf("Transactions: %d committed, %d rolled back. Table ORDERS: %d rows, %d distinct orders."
                    + " Queue 'orders': %s%n", committed, rolledBack, rows, distinct,
                    left == null ? "empty" : "still holds " + left);
            if (rows != ORDERS || distinct != ORDERS || left != null) {
                throw new IllegalStateException("not exactly once: " + rows + " rows, " + distinct + " distinct, "
                        + (left == null ? "queue empty" : "left on the queue: " + left));
            }
            System.out.println("Each of the " + ORDERS + " orders is in the database exactly once");
        } finally {
            // 7. Shut down: recovery first, then the resources it uses.
            xaRecovery.removeXAResourceRecoveryHelper(gannetRecovery);
            xaRecovery.removeXAResourceRecoveryHelper(databaseRecovery);
            recoveryManager.terminate();
            TxControl.disable(true); // no new transactions; stops the status manager, which has its entry in the log
            gannetRecovery.close();
            databaseRecoveryConnection.close();
            EmbeddedBroker.stop("exactly-once");
            database.setShutdownDatabase("shutdown");
            try {
                database.getConnection().close();
            } catch (SQLException shutDown) {
                // Derby reports a database shut down with an exception (SQL state 08006)
            }
        }
    }
}
