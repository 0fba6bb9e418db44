package dev.gannet.integration;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.assertReceives;
import static dev.gannet.integration.Bodies.drain;
import static dev.gannet.integration.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous send (spec 7.3): the CompletionListener hears of each send once it is as safe as a synchronous send,
 * in send order, never on the sending thread; close and commit wait for it and may not be called from it.
 */
class AsyncSendTest extends BrokerTestSupport {

    /** Records the callbacks it gets, in order, with the thread each ran on. */
    private static final class RecordingListener implements CompletionListener {
        final List<String> completed = Collections.synchronizedList(new ArrayList<>());
        final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch calls;

        RecordingListener(int expectedCalls) {
            calls = new CountDownLatch(expectedCalls);
        }

        @Override
        public void onCompletion(Message message) {
            threads.add(Thread.currentThread());
            try {
                completed.add(text(message));
            } catch (JMSException e) {
                failures.add(e);
            }
            calls.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            threads.add(Thread.currentThread());
            failures.add(exception);
            calls.countDown();
        }

        void awaitCalls() throws InterruptedException {
            assertTrue(calls.await(ARRIVES, TimeUnit.MILLISECONDS), "callbacks so far: " + completed + failures);
        }
    }

    private static List<String> bodies(int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add("m" + i);
        }
        return bodies;
    }

    @Test
    void onCompletionIsCalledOncePerMessageInSendOrderOffTheSendingThread() throws Exception { // spec 7.3.8
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("async");
        MessageProducer producer = session.createProducer(queue);
        RecordingListener listener = new RecordingListener(30);
        List<String> sent = bodies(30);
        for (String body : sent) {
            producer.send(session.createTextMessage(body), listener);
        }
        listener.awaitCalls();
        assertEquals(sent, listener.completed);
        assertEquals(List.of(), listener.failures);
        assertFalse(listener.threads.contains(Thread.currentThread()), "called on the sending thread (spec 7.3.8)");
        assertReceives(sent, session.createConsumer(queue));
    }

    @Test
    void jmsProducerSetAsyncCallsBackInSendOrderOffTheSendingThread() throws Exception { // spec 7.3, 7.3.8
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("async-simple");
        RecordingListener listener = new RecordingListener(30);
        List<String> sent = bodies(30);
        for (String body : sent) {
            context.createProducer().setAsync(listener).send(queue, body);
        }
        listener.awaitCalls();
        assertEquals(sent, listener.completed);
        assertFalse(listener.threads.contains(Thread.currentThread()), "called on the sending thread (spec 7.3.8)");
        assertReceives(sent, context.createConsumer(queue));
    }

    @Test
    void mixedSynchronousAndAsynchronousSendsKeepTheirOrder() throws Exception { // spec 7.3.3
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("async-mixed");
        MessageProducer producer = session.createProducer(queue);
        RecordingListener listener = new RecordingListener(10);
        List<String> sent = bodies(20);
        for (int i = 0; i < sent.size(); i++) {
            if (i % 2 == 0) {
                producer.send(session.createTextMessage(sent.get(i)), listener);
            } else {
                producer.send(session.createTextMessage(sent.get(i)));
            }
        }
        listener.awaitCalls();
        assertReceives(sent, session.createConsumer(queue));
    }

    @Test
    void persistentMessageIsOnTheQueueWhenOnCompletionIsCalled() throws Exception { // spec 7.3, 7.3.1
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("async-safe");
        QueueBrowser browser = connection().createSession(Session.AUTO_ACKNOWLEDGE).createBrowser(queue);
        CallOutcome browsed = new CallOutcome();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        session.createProducer(queue).send(session.createTextMessage("safe"), DeliveryMode.PERSISTENT, 4, 0,
                new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        browsed.record(() -> seen.addAll(browse(browser)));
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        browsed.record(() -> {
                            throw exception;
                        });
                    }
                });
        assertNull(browsed.thrown());
        assertEquals(List.of("safe"), seen, "onCompletion came before the message was on the queue (spec 7.3.1)");
    }

    @Test
    void closeCommitOrRollbackFromACompletionListenerThrowsIllegalState() throws Exception { // spec 7.3.4
        Connection connection = connection();
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("async-illegal");
        MessageProducer producer = session.createProducer(queue);
        List<CallOutcome.Call> calls = List.of(session::commit, session::rollback, producer::close, session::close,
                connection::close);
        List<CallOutcome> outcomes = new ArrayList<>();
        for (CallOutcome.Call call : calls) {
            CallOutcome outcome = new CallOutcome();
            outcomes.add(outcome);
            producer.send(session.createTextMessage("x"), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    outcome.record(call);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    outcome.record(() -> {
                        throw new AssertionError("send failed", exception);
                    });
                }
            });
        }
        for (int i = 0; i < outcomes.size(); i++) {
            assertInstanceOf(IllegalStateException.class, outcomes.get(i).thrown(), "call " + i + " of " + calls);
        }
        session.commit(); // none of the refused calls took effect
        assertEquals(5, drain(connection().createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue)).size());
    }

    @Test
    void contextCloseOrCommitFromACompletionListenerThrowsIllegalStateRuntime() throws Exception { // spec 7.3.4
        JMSContext context = context(JMSContext.SESSION_TRANSACTED);
        Queue queue = context.createQueue("async-illegal-simple");
        CallOutcome close = new CallOutcome();
        CallOutcome commit = new CallOutcome();
        context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                close.record(context::close);
                commit.record(context::commit);
            }

            @Override
            public void onException(Message message, Exception exception) {
                close.record(() -> {
                    throw new AssertionError("send failed", exception);
                });
            }
        }).send(queue, "x");
        assertInstanceOf(IllegalStateRuntimeException.class, close.thrown());
        assertInstanceOf(IllegalStateRuntimeException.class, commit.thrown());
    }

    /** Spec 7.3.4 and the javadoc of MessageProducer.close, Session.close/commit/rollback, Connection.close. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"producer.close", "session.close", "connection.close", "session.commit"})
    void closeAndCommitWaitForOutstandingCompletionCallbacks(String call) throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue("async-close"));
        HeldCallback callback = new HeldCallback();
        producer.send(session.createTextMessage("slow"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                callback.hold();
            }

            @Override
            public void onException(Message message, Exception exception) {
                callback.hold();
            }
        });
        callback.assertCallWaitsForIt(call, switch (call) {
            case "producer.close" -> producer::close;
            case "session.close" -> session::close;
            case "connection.close" -> connection::close;
            default -> session::commit;
        });
    }

    @Test
    void aSessionRunsOneCompletionCallbackAtATime() throws Exception { // spec 7.3.8
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("async-serial");
        OverlapMeter meter = new OverlapMeter();
        CountDownLatch all = new CountDownLatch(40);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                meter.pass();
                all.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                onCompletion(message);
            }
        };
        MessageProducer first = session.createProducer(queue);
        MessageProducer second = session.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            first.send(session.createTextMessage("a" + i), listener);
            second.send(session.createTextMessage("b" + i), listener);
        }
        assertTrue(all.await(ARRIVES, TimeUnit.MILLISECONDS));
        assertEquals(1, meter.mostAtOnce(), "two completion callbacks of one session ran at the same time");
    }

    @Test
    void onExceptionIsCalledWhenAnAsynchronousSendFails() throws Exception { // spec 7.3.2
        Connection owner = connection();
        TemporaryQueue deleted = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        deleted.delete();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        RecordingListener listener = new RecordingListener(1);
        try {
            session.createProducer(null).send(deleted, session.createTextMessage("nowhere"), listener);
        } catch (JMSException thrownInTheSendingThread) {
            // also allowed by spec 7.3.2, and then the listener must not be called at all
            assertFalse(listener.calls.await(ABSENT, TimeUnit.MILLISECONDS), "listener called after send threw");
            return;
        }
        listener.awaitCalls();
        assertEquals(List.of(), listener.completed, "onCompletion for a send to a deleted destination");
        assertEquals(1, listener.failures.size());
        assertInstanceOf(JMSException.class, listener.failures.get(0));
        assertNotEquals(Thread.currentThread(), listener.threads.get(0));
    }
}
