package dev.gannet.integration;

import dev.gannet.client.GannetConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Large messages: up to the transport's limit (100 MiB by default over tcp) they travel intact; above it, a clear error. */
class LargeMessageTest extends BrokerTestSupport {

    private static final int NINETY_MIB = 90 * 1024 * 1024;

    @Test
    @Timeout(180)
    void persistentMessageOfNinetyMebibytesArrivesIntact() throws Exception {
        byte[] body = new byte[NINETY_MIB];
        new Random(7).nextBytes(body);
        CRC32 sent = new CRC32();
        sent.update(body);
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("large");
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        body = null; // let the test's own copy go before receiving
        session.createProducer(queue).send(message);
        message = null;

        BytesMessage received = (BytesMessage) session.createConsumer(queue).receive(60_000);
        assertEquals(NINETY_MIB, received.getBodyLength());
        byte[] receivedBody = new byte[NINETY_MIB];
        assertEquals(NINETY_MIB, received.readBytes(receivedBody));
        CRC32 got = new CRC32();
        got.update(receivedBody);
        assertEquals(sent.getValue(), got.getValue());
    }

    @Test
    void messageAboveTheConnectionLimitIsRefusedAndTheConnectionStaysUsable() throws Exception {
        assumeTrue(TCP, "the vm transport has no frame limit (per-destination size limits are issue 6)");
        Connection small = new GannetConnectionFactory(brokerUrl + "?maxFrameSize=1048576").createConnection();
        try {
            small.start();
            Session session = small.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("limited");
            MessageProducer producer = session.createProducer(queue);
            BytesMessage tooBig = session.createBytesMessage();
            tooBig.writeBytes(new byte[2 * 1024 * 1024]);
            ResourceAllocationException refused = assertThrows(ResourceAllocationException.class,
                    () -> producer.send(tooBig));
            assertTrue(refused.getMessage().contains("maxFrameSize"), refused.getMessage());
            producer.send(session.createTextMessage("small is fine"));
            MessageConsumer consumer = session.createConsumer(queue);
            assertEquals("small is fine", receive(consumer).getBody(String.class));
            assertNull(consumer.receive(ABSENT), "the refused message was not delivered");
        } finally {
            small.close();
        }
    }
}
