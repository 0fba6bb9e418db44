package dev.gannet.tck.topics;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The javadoc of every create-consumer, subscription and unsubscribe method names what an invalid argument throws
 * (InvalidDestinationException for an invalid topic or subscription name, InvalidSelectorException for an invalid
 * selector) apart from what a missing client ID throws (IllegalStateException). Arguments are checked first: a bad
 * argument is reported as such even on a connection without a client ID.
 */
class SubscriptionArgumentOrderTest extends ConformanceTest {

    private static final String BAD_SELECTOR = "color = ";

    private Session sessionWithoutClientId() throws JMSException {
        return connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private static void invalidDestination(Executable call) {
        assertThrows(InvalidDestinationException.class, call);
    }

    private static void invalidSelector(Executable call) {
        assertThrows(InvalidSelectorException.class, call);
    }

    private static void noClientId(Executable call) {
        assertThrows(jakarta.jms.IllegalStateException.class, call);
    }

    @Test
    @DisplayName("Session: a null topic is an invalid destination before a missing client ID")
    void nullTopicBeforeClientId() throws JMSException {
        Session session = sessionWithoutClientId();
        invalidDestination(() -> session.createDurableSubscriber(null, "sub"));
        invalidDestination(() -> session.createDurableSubscriber(null, "sub", "a = 1", false));
        invalidDestination(() -> session.createDurableSubscriber(null, "sub", BAD_SELECTOR, false));
        invalidDestination(() -> session.createDurableConsumer(null, "sub"));
        invalidDestination(() -> session.createDurableConsumer(null, "sub", null, true));
        invalidDestination(() -> session.createSharedDurableConsumer(null, "sub"));
        invalidDestination(() -> session.createSharedDurableConsumer(null, "sub", BAD_SELECTOR));
        invalidDestination(() -> session.createSharedConsumer(null, "sub"));
        invalidDestination(() -> session.createSharedConsumer(null, "sub", BAD_SELECTOR));
        invalidDestination(() -> session.createConsumer(null, BAD_SELECTOR));
    }

    @Test
    @DisplayName("Session: an invalid selector is an invalid selector before a missing client ID")
    void invalidSelectorBeforeClientId() throws JMSException {
        Session session = sessionWithoutClientId();
        Topic topic = topic("MY_TOPIC");
        invalidSelector(() -> session.createDurableSubscriber(topic, "sub", BAD_SELECTOR, false));
        invalidSelector(() -> session.createDurableConsumer(topic, "sub", BAD_SELECTOR, false));
        invalidSelector(() -> session.createSharedDurableConsumer(topic, "sub", BAD_SELECTOR));
        invalidSelector(() -> session.createSharedConsumer(topic, "sub", BAD_SELECTOR));
    }

    @Test
    @DisplayName("Session: with valid arguments, a missing client ID is an IllegalStateException")
    void validArgumentsWithoutClientId() throws JMSException {
        Session session = sessionWithoutClientId();
        Topic topic = topic("MY_TOPIC");
        noClientId(() -> session.createDurableSubscriber(topic, "sub"));
        noClientId(() -> session.createDurableSubscriber(topic, "sub", "a = 1", true));
        noClientId(() -> session.createDurableConsumer(topic, "sub"));
        noClientId(() -> session.createDurableConsumer(topic, "sub", "a = 1", false));
    }

    @Test
    @DisplayName("TopicSession: a null topic or invalid selector is reported before a missing client ID")
    void topicSession() throws JMSException {
        TopicConnection connection = track(topicCf().createTopicConnection());
        TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        invalidDestination(() -> session.createDurableSubscriber(null, "sub"));
        invalidDestination(() -> session.createDurableSubscriber(null, "sub", BAD_SELECTOR, false));
        invalidSelector(() -> session.createDurableSubscriber(topic("MY_TOPIC"), "sub", BAD_SELECTOR, false));
        noClientId(() -> session.createDurableSubscriber(topic("MY_TOPIC"), "sub"));
    }

    @Test
    @DisplayName("unsubscribe: an invalid subscription name is an InvalidDestinationException")
    void unsubscribeInvalidName() throws JMSException {
        Session session = sessionWithoutClientId();
        invalidDestination(() -> session.unsubscribe(null));
        invalidDestination(() -> session.unsubscribe(""));
        invalidDestination(() -> session.unsubscribe("no-such-subscription"));
        JMSContext context = context();
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.unsubscribe(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.unsubscribe("no-such-subscription"));
    }

    @Test
    @DisplayName("JMSContext: a null topic or invalid selector is reported before a missing client ID")
    void contextArgumentsBeforeClientId() {
        JMSContext context = context();
        Topic topic = topic("MY_TOPIC");
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createDurableConsumer(null, "sub"));
        assertThrows(InvalidDestinationRuntimeException.class,
                () -> context.createDurableConsumer(null, "sub", BAD_SELECTOR, false));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createSharedDurableConsumer(null, "s"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createSharedConsumer(null, "s"));
        assertThrows(InvalidSelectorRuntimeException.class,
                () -> context.createDurableConsumer(topic, "sub", BAD_SELECTOR, false));
        assertThrows(InvalidSelectorRuntimeException.class,
                () -> context.createSharedDurableConsumer(topic, "sub", BAD_SELECTOR));
        assertThrows(InvalidSelectorRuntimeException.class,
                () -> context.createSharedConsumer(topic, "sub", BAD_SELECTOR));
        assertThrows(jakarta.jms.IllegalStateRuntimeException.class, () -> context.createDurableConsumer(topic, "s"));
    }
}
