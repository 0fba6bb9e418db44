package dev.gannet.tck.exceptions;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Spec 10 "Jakarta Messaging exceptions": the standard exceptions thrown where the API names them. */
class ExceptionMappingTest extends ConformanceTest {

    @Test
    @DisplayName("10.3 InvalidDestinationRuntimeException from JMSContext for a null destination")
    void invalidDestinationRuntime() {
        JMSContext ctx = context();
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createBrowser(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createProducer().send(null, "x"));
    }

    @Test
    @DisplayName("10.3 IllegalStateRuntimeException from a closed JMSContext")
    void illegalStateRuntime() {
        JMSContext ctx = cf().createContext();
        ctx.close();
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, ctx::createMessage);
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.createConsumer(queue("MY_QUEUE")));
        assertThrows(IllegalStateRuntimeException.class, ctx::getSessionMode);
    }

    @Test
    @DisplayName("10.3 InvalidClientIDRuntimeException for a duplicate client ID on a JMSContext")
    void invalidClientIdRuntime() {
        context().setClientID("tck-ctx-duplicate");
        JMSContext second = context();
        assertThrows(InvalidClientIDRuntimeException.class, () -> second.setClientID("tck-ctx-duplicate"));
    }

    @Test
    @DisplayName("10.3 IllegalStateRuntimeException for setClientID on an administratively configured context")
    void adminClientIdRuntime() {
        JMSContext ctx = track(durableCf().createContext());
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID("other"));
    }

    @Test
    @DisplayName("10.3 MessageFormatRuntimeException from JMSProducer property conversions")
    void messageFormatRuntime() {
        JMSProducer producer = context().createProducer();
        producer.setProperty("i", 5);
        producer.setProperty("b", true);
        assertEquals("5", producer.getStringProperty("i"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getBooleanProperty("i"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getIntProperty("b"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("o", new Object()));
    }

    @Test
    @DisplayName("10.3 InvalidDestinationException from the classic API for null destinations")
    void invalidDestinationChecked() throws JMSException {
        Session s = track(durableCf().createConnection()).createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createDurableSubscriber(null, "x"));
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null, "a = 1"));
    }

    @Test
    @DisplayName("10.2 JMSException and JMSRuntimeException carry error code and linked exception")
    void exceptionFields() {
        JMSException e = new JMSException("reason", "CODE");
        Exception cause = new Exception("cause");
        e.setLinkedException(cause);
        assertEquals("CODE", e.getErrorCode());
        assertSame(cause, e.getLinkedException());
        JMSRuntimeException r = new JMSRuntimeException("reason", "CODE", cause);
        assertSame(cause, r.getCause());
        assertEquals("CODE", r.getErrorCode());
    }

    @Test
    @DisplayName("10.3 IllegalStateRuntimeException: commit on a non-transacted context")
    void commitOnNonTransactedContext() {
        assertThrows(IllegalStateRuntimeException.class, () -> context().commit());
    }
}
