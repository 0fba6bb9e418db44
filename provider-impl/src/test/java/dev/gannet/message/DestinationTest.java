package dev.gannet.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import javax.naming.Reference;
import javax.naming.StringRefAddr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Destinations: identity, names, temporary-destination deletion, serialization and JNDI references. */
@Timeout(10)
class DestinationTest {

    @Test
    void destinationsAreEqualByKindAndName() {
        assertEquals(new GannetQueue("a"), new GannetQueue("a"));
        assertEquals(new GannetQueue("a").hashCode(), new GannetQueue("a").hashCode());
        assertNotEquals(new GannetQueue("a"), new GannetQueue("b"));
        assertNotEquals(new GannetQueue("a"), new GannetTopic("a"));
        assertNotEquals(new GannetQueue("a"), new GannetTemporaryQueue("a"));
        assertNotEquals(new GannetTopic("a"), new GannetTemporaryTopic("a"));
        assertEquals(new GannetTemporaryQueue("t", destination -> { }), new GannetTemporaryQueue("t"));
    }

    @Test
    void toStringShowsKindAndName() {
        assertEquals("queue://orders", new GannetQueue("orders").toString());
        assertEquals("topic://prices", new GannetTopic("prices").toString());
        assertEquals("temp-queue://t1", new GannetTemporaryQueue("t1").toString());
        assertEquals("temp-topic://t2", new GannetTemporaryTopic("t2").toString());
    }

    @Test
    void queueAndTopicNamesAreTheDestinationName() {
        assertEquals("orders", new GannetQueue("orders").getQueueName());
        assertEquals("prices", new GannetTopic("prices").getTopicName());
        assertEquals("t", new GannetTemporaryQueue("t").getQueueName());
        assertEquals("t", new GannetTemporaryTopic("t").name());
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void nullOrEmptyNameIsRefused(DestinationKind kind) {
        assertThrows(IllegalArgumentException.class, () -> GannetDestination.of(kind, null));
        assertThrows(IllegalArgumentException.class, () -> GannetDestination.of(kind, ""));
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void factoryMakesTheKindAsked(DestinationKind kind) {
        GannetDestination destination = GannetDestination.of(kind, "d");
        assertEquals(kind, destination.kind());
        assertEquals("d", destination.name());
        assertEquals(kind.isQueue(), destination instanceof Queue);
        assertEquals(!kind.isQueue(), destination instanceof Topic);
    }

    @Test
    void kindsKnowWhetherTheyAreQueuesOrTemporary() {
        assertTrue(DestinationKind.QUEUE.isQueue());
        assertTrue(DestinationKind.TEMPORARY_QUEUE.isQueue());
        assertFalse(DestinationKind.TOPIC.isQueue());
        assertTrue(DestinationKind.TEMPORARY_TOPIC.isTemporary());
        assertFalse(DestinationKind.QUEUE.isTemporary());
    }

    @Test
    void temporaryDestinationDeleteDelegatesToTheOwningConnection() throws JMSException {
        List<GannetDestination> deleted = new ArrayList<>();
        GannetTemporaryQueue queue = new GannetTemporaryQueue("q", deleted::add);
        GannetTemporaryTopic topic = new GannetTemporaryTopic("t", deleted::add);
        queue.delete();
        topic.delete();
        assertEquals(List.of(queue, topic), deleted);
    }

    @Test
    void ownerRefusalReachesTheCaller() {
        GannetTemporaryQueue queue = new GannetTemporaryQueue("q", destination -> {
            throw new JMSException("Temporary queue q has receivers");
        });
        assertThrows(JMSException.class, queue::delete);
    }

    @Test
    void temporaryDestinationWithoutOwnerCannotBeDeleted() {
        JMSException e = assertThrows(JMSException.class, () -> new GannetTemporaryQueue("q").delete());
        assertTrue(e.getMessage().contains("only the connection that created it"), e.getMessage());
        assertThrows(JMSException.class, () -> new GannetTemporaryTopic("t").delete());
    }

    @Test
    void serializedDestinationsAreEqualAndTemporaryOnesLoseTheirOwner() throws Exception {
        for (GannetDestination destination : List.of(new GannetQueue("q"), new GannetTopic("t"),
                new GannetTemporaryQueue("tq", d -> { }), new GannetTemporaryTopic("tt", d -> { }))) {
            Object copy = deserialize(serialize(destination));
            assertEquals(destination, copy);
            assertSame(destination.getClass(), copy.getClass());
        }
        GannetTemporaryQueue copy = (GannetTemporaryQueue) deserialize(serialize(new GannetTemporaryQueue("tq", d -> {
        })));
        assertThrows(JMSException.class, copy::delete);
    }

    @ParameterizedTest
    @EnumSource(DestinationKind.class)
    void jndiReferenceRebuildsAnEqualDestination(DestinationKind kind) throws Exception {
        GannetDestination destination = GannetDestination.of(kind, "jndi-name");
        Reference reference = destination.getReference();
        assertEquals(DestinationObjectFactory.class.getName(), reference.getFactoryClassName());
        assertEquals("jndi-name", reference.get("name").getContent());
        Object rebuilt = new DestinationObjectFactory().getObjectInstance(reference, null, null, null);
        assertEquals(destination, rebuilt);
    }

    @Test
    void objectFactoryIgnoresWhatIsNotAGannetDestinationReference() throws Exception {
        DestinationObjectFactory factory = new DestinationObjectFactory();
        assertNull(factory.getObjectInstance("not a reference", null, null, null));
        Reference other = new Reference("com.example.Other", new StringRefAddr("name", "x"));
        assertNull(factory.getObjectInstance(other, null, null, null));
        Reference nameless = new Reference(GannetQueue.class.getName());
        assertThrows(IllegalArgumentException.class, () -> factory.getObjectInstance(nameless, null, null, null));
    }

    @Test
    void fromReturnsGannetDestinationsAsTheyAre() throws JMSException {
        GannetQueue queue = new GannetQueue("q");
        assertSame(queue, GannetDestination.from(queue));
        assertNull(GannetDestination.from(null));
    }

    @Test
    void fromConvertsForeignQueuesAndTopicsByName() throws JMSException {
        Queue queue = () -> "orders";
        Topic topic = () -> "prices";
        assertEquals(new GannetQueue("orders"), assertInstanceOf(GannetQueue.class, GannetDestination.from(queue)));
        assertEquals(new GannetTopic("prices"), GannetDestination.from(topic));
    }

    @Test
    void fromRefusesOtherForeignDestinations() {
        assertThrows(InvalidDestinationException.class, () -> GannetDestination.from(new Destination() {
        }));
        Queue unnamed = () -> "";
        assertThrows(InvalidDestinationException.class, () -> GannetDestination.from(unnamed));
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return in.readObject();
        }
    }
}
