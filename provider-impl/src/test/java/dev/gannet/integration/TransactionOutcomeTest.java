package dev.gannet.integration;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.DestinationSettings;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a local transaction's end does to the queues (spec 6.2.7): a commit frees the places its receives held by the
 * time it returns; a commit that cannot be applied leaves nothing of its sends behind and gives its receives back.
 * The queues under {@code txlimit.} hold one message and refuse more.
 */
class TransactionOutcomeTest extends BrokerTestSupport {

    @Override
    DestinationPolicies destinations() {
        return DestinationPolicies.builder()
                .add("txlimit.#", DestinationSettings.builder().maxDepth(1)
                        .fullPolicy(DestinationSettings.FullPolicy.FAIL).build())
                .build();
    }

    @Test
    void aCommittedReceiveFreesItsPlaceInAFullQueueByTheTimeCommitReturns() throws Exception {
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue("txlimit.consumed");
        MessageProducer producer = plain.createProducer(queue);
        producer.send(plain.createTextMessage("first"));
        Session transacted = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        assertEquals("first", text(receive(consumer)));
        assertThrows(ResourceAllocationException.class, () -> producer.send(plain.createTextMessage("refused")),
                "a receive not committed yet keeps its place");

        transacted.commit();
        producer.send(plain.createTextMessage("second"));
        assertEquals("second", text(receive(consumer)));
        transacted.commit();
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void aCommitWhoseDestinationWentAwayAppliesNothingAndGivesItsReceivesBack() throws Exception {
        TemporaryQueue temporary = connection().createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session plain = session(Session.AUTO_ACKNOWLEDGE);
        Queue source = plain.createQueue("tx.source");
        Queue limited = plain.createQueue("txlimit.target");
        plain.createProducer(source).send(plain.createTextMessage("received"));

        Session transacted = session(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(source);
        assertEquals("received", text(receive(consumer)));
        MessageProducer producer = transacted.createProducer(null);
        producer.send(limited, transacted.createTextMessage("staged"));
        producer.send(temporary, transacted.createTextMessage("to a queue deleted before the commit"));
        transacted.createProducer(limited); // answered: the broker has staged both sends
        temporary.delete();

        InvalidDestinationException e = assertThrows(InvalidDestinationException.class, transacted::commit);
        assertTrue(e.getMessage().contains(temporary.getQueueName()), e.getMessage());
        Message again = receive(consumer);
        assertEquals("received", text(again));
        assertTrue(again.getJMSRedelivered(), "the receive of the failed commit comes back as after a rollback");
        assertEquals(List.of(), browse(plain.createBrowser(limited)), "nothing of the failed commit was sent");
        plain.createProducer(limited).send(plain.createTextMessage("fits"));
        assertEquals(List.of("fits"), browse(plain.createBrowser(limited)),
                "the staged send gave its place in the full-policy queue back");

        transacted.commit();
        assertNull(consumer.receive(ABSENT));
    }
}
