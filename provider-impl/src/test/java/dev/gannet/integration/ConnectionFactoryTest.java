package dev.gannet.integration;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.EmbeddedBroker;
import dev.gannet.client.ConnectionFactoryObjectFactory;
import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.junit.jupiter.api.Test;

import javax.naming.Reference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GannetConnectionFactory: URL forms, Serializable and Referenceable, and the embedded-broker entry point. */
class ConnectionFactoryTest extends BrokerTestSupport {

    @Test
    void factoryWithoutArgumentsConnectsToTheLocalhostBroker() {
        // surefire points gannet.data.dir into target/, so vm://localhost keeps its store there
        try (JMSContext context = new GannetConnectionFactory().createContext()) {
            Queue queue = context.createQueue("default-factory");
            context.createProducer().send(queue, "works");
            assertEquals("works", context.createConsumer(queue).receiveBody(String.class, ARRIVES));
        } finally {
            EmbeddedBroker.stop(BrokerConfig.DEFAULT_NAME); // started by the connection, it would run on
        }
    }

    @Test
    void factorySurvivesSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        ConnectionFactory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ConnectionFactory) in.readObject();
        }
        assertRoundTrip(copy);
    }

    @Test
    void factoryRebuildsFromItsJndiReference() throws Exception {
        Reference reference = ((GannetConnectionFactory) factory).getReference();
        Object rebuilt = new ConnectionFactoryObjectFactory().getObjectInstance(reference, null, null, null);
        assertRoundTrip((ConnectionFactory) rebuilt);
    }

    private void assertRoundTrip(ConnectionFactory copy) {
        try (JMSContext context = copy.createContext()) {
            Queue queue = context.createQueue("copied");
            context.createProducer().send(queue, "same broker");
        }
        try (JMSContext context = factory.createContext()) {
            assertEquals("same broker", context.createConsumer(context.createQueue("copied"))
                    .receiveBody(String.class, ARRIVES));
        }
    }

    @Test
    void malformedUrlsAreRejectedWithTheReason() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> new GannetConnectionFactory("ftp://x"));
        assertTrue(scheme.getMessage().contains("ftp"), scheme.getMessage());
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> new GannetConnectionFactory("vm://x?colour=blue"));
        assertTrue(option.getMessage().contains("colour"), option.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GannetConnectionFactory("vm://x?prefetch=0"));
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> new GannetConnectionFactory("vm://x?stopWithLastConnection=maybe"));
        assertTrue(flag.getMessage().contains("stopWithLastConnection"), flag.getMessage());
    }

    @Test
    void embeddedBrokerKeepsMessagesBetweenConnections() throws Exception {
        BrokerConfig config = BrokerConfig.builder().name("embedded-test")
                .dataDirectory(dataDirectory.resolve("embedded")).build();
        ConnectionFactory embedded = new GannetConnectionFactory("vm://embedded-test?dataDirectory="
                + config.dataDirectory());
        try (EmbeddedBroker broker = EmbeddedBroker.start(config)) {
            assertEquals("embedded-test", broker.config().name());
            try (JMSContext context = embedded.createContext()) {
                context.createProducer().setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT)
                        .send(context.createQueue("kept-in-memory"), "still here");
            }
            // the broker outlived the connection, so even a non-persistent message waits
            try (JMSContext context = embedded.createContext()) {
                assertEquals("still here", context.createConsumer(context.createQueue("kept-in-memory"))
                        .receiveBody(String.class, ARRIVES));
            }
        }
    }

    @Test
    void aBrokerNameCannotRunOnTwoDirectories() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.builder().name("one-dir")
                .dataDirectory(dataDirectory.resolve("a")).build())) {
            assertThrows(IllegalStateException.class, () -> EmbeddedBroker.start(BrokerConfig.builder()
                    .name("one-dir").dataDirectory(dataDirectory.resolve("b")).build()));
        }
    }
}
