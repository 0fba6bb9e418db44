package dev.gannet.ra;

import dev.gannet.ra.server.RunningAdapter;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.naming.Reference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The administered objects GannetQueue and GannetTopic (Connectors 2.1 section 13.4.2): JavaBeans Gannet sends to. */
class AdministeredDestinationTest {

    @TempDir
    Path directory;

    @Test
    void aQueueIsAJavaBeanNamedByItsProperty() throws Exception {
        GannetQueue queue = new GannetQueue();
        jakarta.jms.IllegalStateException unnamed = assertThrows(jakarta.jms.IllegalStateException.class,
                queue::getQueueName);
        assertTrue(unnamed.getMessage().contains("has no name"), unnamed.getMessage());
        queue.setName("orders");
        assertEquals("orders", queue.getQueueName());
        assertEquals(GannetQueue.named("orders"), queue);
        assertNotEquals(GannetTopic.named("orders"), queue, "a topic of the same name is another destination");
        assertEquals("topic://prices", GannetTopic.named("prices").toString());
    }

    @Test
    void theReferenceAndSerializationGiveTheSameDestinationBack() throws Exception {
        GannetTopic topic = GannetTopic.named("prices");
        Reference reference = topic.getReference();
        assertEquals(topic, new AdministeredDestinationFactory().getObjectInstance(reference, null, null, null));
        Reference serversOwn = new Reference(GannetTopic.class.getName());
        topic.setReference(serversOwn);
        assertSame(serversOwn, topic.getReference(), "a server's reference wins");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(topic);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(topic, in.readObject());
        }
    }

    @Test
    void gannetSendsToAndReceivesFromAnAdministeredQueue() throws Exception {
        try (RunningAdapter running = RunningAdapter.embedded(directory);
             JMSContext context = running.clientFactory().createContext()) {
            GannetQueue queue = GannetQueue.named("administered");
            context.createProducer().send(queue, "by admin object");
            assertEquals("by admin object", context.createConsumer(queue).receiveBody(String.class, 5_000));
        }
    }
}
