package dev.gannet.jndi;

import dev.gannet.api.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.spi.NamingManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gannet's JNDI provider: every kind of binding, its error cases, and Referenceable objects in another JNDI. */
@Timeout(60)
class JndiTest {

    @TempDir
    Path dataDirectory;
    /** The vm brokers this test named: a connection to one starts it, and it runs until stopped. */
    private final List<String> brokerNames = new ArrayList<>();

    @AfterEach
    void stopBrokers() {
        brokerNames.forEach(EmbeddedBroker::stop);
    }

    private Context context(String... keyValues) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, GannetInitialContextFactory.class.getName());
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.put(keyValues[i], keyValues[i + 1]);
        }
        return new InitialContext(environment);
    }

    private String brokerUrl() {
        String name = "jndi-" + UUID.randomUUID().toString().substring(0, 8);
        brokerNames.add(name);
        return "vm://" + name + "?dataDirectory=" + dataDirectory;
    }

    @Test
    void lookedUpFactoryAndDestinationsSendAndReceive() throws Exception {
        Context context = context("connectionFactory.MyConnectionFactory", brokerUrl(),
                "queue.MY_QUEUE", "orders", "topic.MY_TOPIC", "prices");
        ConnectionFactory factory = (ConnectionFactory) context.lookup("MyConnectionFactory");
        Queue queue = (Queue) context.lookup("MY_QUEUE");
        Topic topic = (Topic) context.lookup("MY_TOPIC");
        assertEquals("orders", queue.getQueueName());
        assertEquals("prices", topic.getTopicName());
        try (JMSContext jms = factory.createContext()) {
            jms.createProducer().send(queue, "through JNDI");
            assertEquals("through JNDI", jms.createConsumer(queue).receiveBody(String.class, 10_000));
        }
    }

    @Test
    void factoryOptionsAsSeparateKeysReachTheConnection() throws Exception {
        Context context = context("connectionFactory.DURABLE_SUB_CONNECTION_FACTORY", brokerUrl(),
                "connectionFactory.DURABLE_SUB_CONNECTION_FACTORY.clientID", "cts");
        ConnectionFactory factory = (ConnectionFactory) context.lookup("DURABLE_SUB_CONNECTION_FACTORY");
        try (Connection connection = factory.createConnection()) {
            assertEquals("cts", connection.getClientID());
        }
    }

    @Test
    void providerUrlIsTheDefaultForFactoriesWithoutAUrl() throws Exception {
        String url = brokerUrl();
        Context context = context(Context.PROVIDER_URL, url, "connectionFactory.Empty", "");
        assertEquals("GannetConnectionFactory[" + url + "]", context.lookup("Empty").toString());
    }

    @Test
    void withoutFactoryEntriesTheThreeClassicNamesAreBound() throws Exception {
        // straight from the factory: InitialContext would merge in the test class path's jndi.properties
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.PROVIDER_URL, brokerUrl());
        Context context = new GannetInitialContextFactory().getInitialContext(environment);
        for (String name : List.of("ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory")) {
            assertInstanceOf(ConnectionFactory.class, context.lookup(name));
        }
    }

    @Test
    void withoutFactoryEntriesTheThreeXaNamesAreBoundToXaFactories() throws Exception {
        String url = brokerUrl();
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.PROVIDER_URL, url);
        Context context = new GannetInitialContextFactory().getInitialContext(environment);
        assertInstanceOf(XAConnectionFactory.class, context.lookup("XAConnectionFactory"));
        assertInstanceOf(XAQueueConnectionFactory.class, context.lookup("XAQueueConnectionFactory"));
        assertInstanceOf(XATopicConnectionFactory.class, context.lookup("XATopicConnectionFactory"));
        assertEquals("GannetXAConnectionFactory[" + url + "]", context.lookup("XAConnectionFactory").toString());
        assertFalse(context.lookup("ConnectionFactory") instanceof XAConnectionFactory,
                "the classic names stay ordinary factories");
    }

    @Test
    void typeXaBindsAnXaFactoryWhoseConnectionsMakeXaSessions() throws Exception {
        Context context = context("connectionFactory.MyXA", brokerUrl(), "connectionFactory.MyXA.type", "xa",
                "connectionFactory.MyXA.clientID", "xa-client", "connectionFactory.Plain", brokerUrl(),
                "connectionFactory.Plain.type", "standard");
        XAConnectionFactory factory = (XAConnectionFactory) context.lookup("MyXA");
        assertFalse(context.lookup("Plain") instanceof XAConnectionFactory);
        try (XAConnection connection = factory.createXAConnection()) {
            assertEquals("xa-client", connection.getClientID(), "the other options still reach the URL");
            assertTrue(connection.createXASession().getTransacted());
        }
    }

    @Test
    void anUnknownFactoryTypeFailsWithConfigurationExceptionNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("connectionFactory.Odd", brokerUrl(), "connectionFactory.Odd.type", "distributed"));
        assertTrue(e.getMessage().contains("connectionFactory.Odd.type"), e.getMessage());
        assertTrue(e.getMessage().contains("distributed"), e.getMessage());
    }

    @Test
    void dynamicDestinationsNeedNoConfiguration() throws Exception {
        Context context = context();
        assertEquals("anything", ((Queue) context.lookup("dynamicQueues/anything")).getQueueName());
        assertEquals("else", ((Topic) context.lookup("dynamicTopics/else")).getTopicName());
    }

    @Test
    void unknownNameThrowsNameNotFoundNamingTheKey() throws Exception {
        NameNotFoundException e = assertThrows(NameNotFoundException.class, () -> context().lookup("NoSuchQueue"));
        assertTrue(e.getMessage().contains("NoSuchQueue"), e.getMessage());
        assertTrue(e.getMessage().contains("queue.NoSuchQueue"), e.getMessage());
    }

    @Test
    void malformedEntriesFailWithConfigurationExceptionNamingTheKey() {
        ConfigurationException badUrl = assertThrows(ConfigurationException.class,
                () -> context("connectionFactory.Broken", "nonsense://x"));
        assertTrue(badUrl.getMessage().contains("connectionFactory.Broken"), badUrl.getMessage());
        ConfigurationException emptyQueue = assertThrows(ConfigurationException.class,
                () -> context("queue.Empty", " "));
        assertTrue(emptyQueue.getMessage().contains("queue.Empty"), emptyQueue.getMessage());
    }

    @Test
    void contextIsReadOnly() throws Exception {
        Context context = context("queue.Q", "q");
        assertThrows(OperationNotSupportedException.class, () -> context.bind("x", "y"));
        assertThrows(OperationNotSupportedException.class, () -> context.rebind("Q", "y"));
        assertThrows(OperationNotSupportedException.class, () -> context.unbind("Q"));
        assertThrows(OperationNotSupportedException.class, () -> context.createSubcontext("sub"));
        assertTrue(Collections.list(context.list("")).stream().anyMatch(p -> p.getName().equals("Q")));
    }

    @Test
    void jndiPropertiesOnTheClassPathIsUsedWithoutAnEnvironment() throws Exception {
        Context context = new InitialContext();
        assertInstanceOf(ConnectionFactory.class, context.lookup("MyConnectionFactory"));
        assertEquals("jndi.orders", ((Queue) context.lookup("MY_QUEUE")).getQueueName());
        assertEquals("jndi.prices", ((Topic) context.lookup("MY_TOPIC")).getTopicName());
    }

    @Test
    void factoriesAndDestinationsRebuildFromTheirReferencesInAnotherJndi() throws Exception {
        Context context = context("connectionFactory.CF", brokerUrl(), "queue.Q", "ref-q", "topic.T", "ref-t",
                "connectionFactory.XACF", brokerUrl(), "connectionFactory.XACF.type", "xa");
        for (String name : List.of("CF", "Q", "T", "XACF")) {
            Object original = context.lookup(name);
            Reference reference = ((Referenceable) original).getReference();
            Object rebuilt = NamingManager.getObjectInstance(reference, null, null, new Hashtable<>());
            assertEquals(original.toString(), rebuilt.toString(), name);
            assertEquals(original.getClass(), rebuilt.getClass(), name);
        }
    }
}
