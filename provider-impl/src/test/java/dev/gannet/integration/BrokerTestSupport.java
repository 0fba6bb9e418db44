package dev.gannet.integration;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Each test gets its own broker, named uniquely, on a Derby store in its own temporary directory, reached through
 * the public JMS API only. Connections and contexts opened through the helpers are closed after the test.
 */
@Timeout(60)
abstract class BrokerTestSupport {

    /** How long a test waits for a message that must arrive; generous for a busy 2-core machine. */
    static final long ARRIVES = 10_000;
    /** How long a test waits to be sure a message does not arrive. */
    static final long ABSENT = 300;

    @TempDir
    Path dataDirectory;
    String brokerUrl;
    ConnectionFactory factory;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void createFactory() {
        brokerUrl = "vm://test-" + UUID.randomUUID().toString().substring(0, 8) + "?dataDirectory=" + dataDirectory;
        factory = new GannetConnectionFactory(brokerUrl);
    }

    @AfterEach
    void closeEverything() throws Exception {
        closeAll();
    }

    /** Closes every connection and context the test opened: the broker stops with the last of them. */
    void closeAll() throws Exception {
        Exception first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }

    /** A started connection. */
    Connection connection() throws JMSException {
        Connection connection = factory.createConnection();
        opened.add(connection);
        connection.start();
        return connection;
    }

    /** A connection that is not started yet. */
    Connection stoppedConnection() throws JMSException {
        Connection connection = factory.createConnection();
        opened.add(connection);
        return connection;
    }

    Session session(int mode) throws JMSException {
        return connection().createSession(mode);
    }

    JMSContext context(int mode) {
        JMSContext context = factory.createContext(mode);
        opened.add(context);
        return context;
    }

    static Message receive(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(ARRIVES);
        assertNotNull(message, "expected a message within " + ARRIVES + " ms");
        return message;
    }
}
