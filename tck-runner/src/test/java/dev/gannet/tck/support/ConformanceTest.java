package dev.gannet.tck.support;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Base of every conformance test: looks administered objects up by their TCK JNDI names, closes what a test
 * opened, and empties the queues it used. Reaches the provider only through JNDI and jakarta.jms.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ConformanceTest {

    /** How long to wait for a message that must arrive. */
    protected static final long RECEIVE_TIMEOUT = 8_000;
    /** How long to wait to conclude that a message does not arrive. */
    protected static final long ABSENT_TIMEOUT = 250;

    private static Context jndi;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Set<Queue> usedQueues = new LinkedHashSet<>();

    /** The JNDI context: {@code new InitialContext()}, or the environment in the resource named by {@code tck.jndi}. */
    protected static synchronized Context jndi() {
        if (jndi == null) {
            try {
                String resource = System.getProperty("tck.jndi");
                if (resource == null || resource.isBlank()) {
                    jndi = new InitialContext();
                } else {
                    Properties environment = new Properties();
                    try (InputStream in = ConformanceTest.class.getClassLoader().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalStateException("No " + resource + " on the test class path");
                        }
                        environment.load(in);
                    }
                    jndi = new InitialContext(environment);
                }
            } catch (NamingException | IOException e) {
                throw new IllegalStateException("Cannot create the JNDI context", e);
            }
        }
        return jndi;
    }

    @SuppressWarnings("unchecked")
    protected static <T> T lookup(String name) {
        try {
            return (T) jndi().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI name " + name + " is not bound", e);
        }
    }

    protected ConnectionFactory cf() {
        return lookup("MyConnectionFactory");
    }

    protected QueueConnectionFactory queueCf() {
        return lookup("MyQueueConnectionFactory");
    }

    protected TopicConnectionFactory topicCf() {
        return lookup("MyTopicConnectionFactory");
    }

    /** The factory whose connections carry client ID "cts". */
    protected ConnectionFactory durableCf() {
        return lookup("DURABLE_SUB_CONNECTION_FACTORY");
    }

    /** A queue by JNDI name; it is drained after the test. */
    protected Queue queue(String name) {
        Queue queue = lookup(name);
        usedQueues.add(queue);
        return queue;
    }

    protected Topic topic(String name) {
        return lookup(name);
    }

    /** Closes {@code resource} after the test (in reverse order of tracking). */
    protected <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    protected Connection connection() throws JMSException {
        return track(cf().createConnection());
    }

    protected Connection startedConnection() throws JMSException {
        Connection connection = connection();
        connection.start();
        return connection;
    }

    protected JMSContext context() {
        return track(cf().createContext());
    }

    protected JMSContext context(int sessionMode) {
        return track(cf().createContext(sessionMode));
    }

    @AfterEach
    void closeAndDrain() throws Exception {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        for (Queue queue : usedQueues) {
            drain(queue);
        }
        usedQueues.clear();
    }

    /** Removes every message from {@code destination}; returns how many there were. */
    protected int drain(Destination destination) throws JMSException {
        int count = 0;
        try (Connection connection = cf().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(destination);
            while (consumer.receive(150) != null) {
                count++;
            }
        }
        return count;
    }

    /** Receives with the "must arrive" timeout. */
    protected static Message receive(MessageConsumer consumer) throws JMSException {
        return consumer.receive(RECEIVE_TIMEOUT);
    }
}
