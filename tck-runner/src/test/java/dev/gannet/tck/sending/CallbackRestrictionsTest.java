package dev.gannet.tck.sending;

import dev.gannet.tck.support.ConformanceTest;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What a callback may call on its own objects. Spec 7.3.8 ("Close, commit or rollback"): a CompletionListener must
 * not close its own producer, session, context or connection, nor commit or roll back its own session; it may stop
 * its connection. Spec 6.1 ("Pausing delivery of incoming messages", "Closing a connection"), 6.2 ("Closing a
 * session") and "Closing a consumer" with the javadoc: Gannet refuses a MessageListener's stop or close of its own
 * connection or context and close of its own session (the spec allows refusing or doing it; Gannet refuses, as
 * the TCK expects); a MessageListener may close its own consumer.
 */
class CallbackRestrictionsTest extends ConformanceTest {

    private static final String ALLOWED = "allowed";

    /** One call made inside a callback. */
    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static Object outcome(Call call) {
        try {
            call.run();
            return ALLOWED;
        } catch (Exception e) {
            return e;
        }
    }

    private static Object await(BlockingQueue<Object> outcomes) throws InterruptedException {
        Object outcome = outcomes.poll(RECEIVE_TIMEOUT, TimeUnit.MILLISECONDS);
        assertNotNull(outcome, "the callback ran");
        return outcome;
    }

    /** Runs {@code call} inside the CompletionListener of an asynchronous send by {@code producer}. */
    private static Object inCompletionListener(Session session, MessageProducer producer, Call call)
            throws Exception {
        BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        producer.send(session.createMessage(), reporting(call, outcomes));
        return await(outcomes);
    }

    /** Runs {@code call} inside the CompletionListener of an asynchronous send of {@code context}. */
    private Object inCompletionListener(JMSContext context, Call call) throws Exception {
        BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        context.createProducer().setAsync(reporting(call, outcomes)).send(queue("testQ0"), "x");
        return await(outcomes);
    }

    /** A CompletionListener that makes {@code call} on completion and reports its outcome to {@code outcomes}. */
    private static CompletionListener reporting(Call call, BlockingQueue<Object> outcomes) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                outcomes.add(outcome(call));
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.add(new AssertionError("the send failed", exception));
            }
        };
    }

    /** Runs {@code call} inside a MessageListener of {@code session}, fed by one message to {@code queue}. */
    private Object inMessageListener(Session session, Queue queue, CallOn call) throws Exception {
        BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(message -> outcomes.add(outcome(() -> call.run(consumer))));
        Session sender = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createMessage());
        return await(outcomes);
    }

    @FunctionalInterface
    private interface CallOn {
        void run(MessageConsumer consumer) throws Exception;
    }

    private static void assertRefused(Object outcome) {
        assertInstanceOf(jakarta.jms.IllegalStateException.class, outcome);
    }

    private static void assertRefusedRuntime(Object outcome) {
        assertInstanceOf(IllegalStateRuntimeException.class, outcome);
    }

    @Test
    @DisplayName("7.3.8 A CompletionListener may stop its own connection")
    void completionListenerMayStopConnection() throws Exception {
        Connection connection = startedConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue("testQ0"));
        assertEquals(ALLOWED, inCompletionListener(session, producer, connection::stop));
        connection.start();
    }

    @Test
    @DisplayName("7.3.8 A CompletionListener may not close its own connection, session or producer")
    void completionListenerMayNotClose() throws Exception {
        Connection connection = startedConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue("testQ0"));
        assertRefused(inCompletionListener(session, producer, connection::close));
        assertRefused(inCompletionListener(session, producer, session::close));
        assertRefused(inCompletionListener(session, producer, producer::close));
    }

    @Test
    @DisplayName("7.3.8 A CompletionListener may not commit or roll back its own session")
    void completionListenerMayNotCommitOrRollBack() throws Exception {
        Connection connection = startedConnection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(queue("testQ0"));
        assertRefused(inCompletionListener(session, producer, session::commit));
        assertRefused(inCompletionListener(session, producer, session::rollback));
        session.rollback();
    }

    @Test
    @DisplayName("7.3.8 A JMSContext's CompletionListener may stop the context but not close, commit or roll back")
    void contextCompletionListener() throws Exception {
        JMSContext context = context();
        assertEquals(ALLOWED, inCompletionListener(context, context::stop));
        assertRefusedRuntime(inCompletionListener(context, context::close));
        JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        assertRefusedRuntime(inCompletionListener(transacted, transacted::commit));
        assertRefusedRuntime(inCompletionListener(transacted, transacted::rollback));
        transacted.rollback();
    }

    @Test
    @DisplayName("6.1/6.2 A MessageListener may not stop or close its own connection, nor close its own session")
    void messageListenerMayNotStopOrClose() throws Exception {
        Connection connection = startedConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertRefused(inMessageListener(session, queue("testQ0"), consumer -> connection.stop()));
        Session second = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertRefused(inMessageListener(second, queue("testQ1"), consumer -> connection.close()));
        Session third = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertRefused(inMessageListener(third, queue("testQ2"), consumer -> third.close()));
    }

    @Test
    @DisplayName("Closing a consumer: a MessageListener may close its own consumer")
    void messageListenerMayCloseItsConsumer() throws Exception {
        Session session = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertEquals(ALLOWED, inMessageListener(session, queue("testQ0"), MessageConsumer::close));
    }

    @Test
    @DisplayName("6.1/6.2 A JMSContext's MessageListener may not stop or close the context")
    void contextMessageListener() throws Exception {
        for (boolean close : new boolean[] {false, true}) {
            Queue queue = queue(close ? "testQ1" : "testQ0");
            JMSContext context = context();
            BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
            context.createConsumer(queue).setMessageListener(message -> outcomes.add(outcome(() -> {
                if (close) {
                    context.close();
                } else {
                    context.stop();
                }
            })));
            context().createProducer().send(queue, "x");
            assertRefusedRuntime(await(outcomes));
        }
    }
}
