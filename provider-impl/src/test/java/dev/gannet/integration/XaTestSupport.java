package dev.gannet.integration;

import dev.gannet.client.GannetXAConnectionFactory;
import dev.gannet.protocol.XaError;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import org.junit.jupiter.api.BeforeEach;

import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link BrokerTestSupport} with an XA connection factory for the test's broker, and Xids as a transaction manager
 * makes them: objects of its own class, equal by its own rule. XA connections and contexts opened through the helpers
 * are closed before the broker stops.
 */
abstract class XaTestSupport extends BrokerTestSupport {

    XAConnectionFactory xaFactory;
    private final List<AutoCloseable> xaOpened = new ArrayList<>();

    @BeforeEach
    void createXaFactory() {
        xaFactory = new GannetXAConnectionFactory(brokerUrl);
    }

    /**
     * Starts the test's broker as {@link BrokerTestSupport} configures it (with the test's authorizer), unless it
     * runs: an XA factory's first connection would otherwise start a vm broker without it.
     */
    void ensureBroker() throws JMSException {
        if (broker() == null) {
            stoppedConnection();
        }
    }

    /** A started XA connection. */
    XAConnection xaConnection() throws JMSException {
        ensureBroker();
        XAConnection connection = xaFactory.createXAConnection();
        xaOpened.add(connection);
        connection.start();
        return connection;
    }

    /** An XA session of a new started XA connection. */
    XASession xaSession() throws JMSException {
        return xaConnection().createXASession();
    }

    XAJMSContext xaContext() throws JMSException {
        ensureBroker();
        XAJMSContext context = xaFactory.createXAContext();
        xaOpened.add(context);
        return context;
    }

    /** Keeps {@code resource} to be closed before the broker stops. Call {@link #ensureBroker} before making it. */
    <T extends AutoCloseable> T closeLater(T resource) {
        xaOpened.add(resource);
        return resource;
    }

    @Override
    void stopBroker() throws Exception {
        Exception first = null;
        for (int i = xaOpened.size() - 1; i >= 0; i--) {
            try {
                xaOpened.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        xaOpened.clear();
        super.stopBroker();
        if (first != null) {
            throw first;
        }
    }

    /** Stops the broker (closing the test's connections) and starts it again on the same store. */
    void restartBroker() throws Exception {
        stopBroker();
        ensureBroker();
    }

    /** A new global transaction's branch, as a transaction manager would name it. */
    static Xid newXid() {
        return new ManagerXid(UUID.randomUUID().toString(), "branch-1");
    }

    /** Another branch of {@code xid}'s global transaction. */
    static Xid otherBranch(Xid xid, String qualifier) {
        return new ManagerXid(new String(xid.getGlobalTransactionId(), StandardCharsets.UTF_8), qualifier);
    }

    /** A call on an XAResource. */
    @FunctionalInterface
    interface XaCall {
        void run() throws Exception;
    }

    /** Asserts that {@code call} fails with the XA error code {@code expected}; answers the exception. */
    static XAException assertXaError(int expected, XaCall call) {
        XAException e = assertThrows(XAException.class, call::run);
        assertEquals(XaError.name(expected), XaError.name(e.errorCode), e.getMessage());
        return e;
    }

    /** An Xid of a transaction manager: not Gannet's class, equal to another of its class by content. */
    record ManagerXid(String globalId, String qualifier) implements Xid {

        static final int FORMAT = 0x4741;

        @Override
        public int getFormatId() {
            return FORMAT;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return globalId.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBranchQualifier() {
            return qualifier.getBytes(StandardCharsets.UTF_8);
        }

        /** Whether {@code xid} names the same branch, whatever its class. */
        boolean sameBranch(Xid xid) {
            return xid.getFormatId() == FORMAT && Arrays.equals(getGlobalTransactionId(), xid.getGlobalTransactionId())
                    && Arrays.equals(getBranchQualifier(), xid.getBranchQualifier());
        }
    }
}
