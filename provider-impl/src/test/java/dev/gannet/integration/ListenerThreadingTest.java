package dev.gannet.integration;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gannet.integration.Bodies.browse;
import static dev.gannet.integration.Bodies.assertReceives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message listeners and threads (spec 2.14, 6.1.5, 6.1.8, 6.2.5, 6.2.15, 8.8): a session runs its listeners one at a
 * time; stop and close wait for a running listener; a listener calling stop or close on its own connection, session
 * or context either gets IllegalState or the call succeeds, and it must not hang.
 */
class ListenerThreadingTest extends BrokerTestSupport {

    /**
     * Either permitted outcome of stop or close called by a listener on its own connection, session or context:
     * refused with {@code refusal}, or done, which {@code done} then checks.
     */
    private static void assertRefusedOrDone(Throwable thrown, Class<? extends Throwable> refusal, Executable done)
            throws Throwable {
        if (thrown == null) {
            done.execute();
        } else {
            assertInstanceOf(refusal, thrown);
        }
    }

    @Test
    void listenersOfOneSessionNeverRunConcurrently() throws Exception { // spec 6.2.5, 2.14
        Connection connection = stoppedConnection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue left = session.createQueue("left");
        Queue right = session.createQueue("right");
        OverlapMeter meter = new OverlapMeter();
        CountDownLatch all = new CountDownLatch(40);
        MessageListener listener = message -> {
            meter.pass();
            all.countDown();
        };
        session.createConsumer(left).setMessageListener(listener);
        session.createConsumer(right).setMessageListener(listener);
        Session sender = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sender.createProducer(null);
        for (int i = 0; i < 20; i++) {
            producer.send(left, sender.createTextMessage("l" + i));
            producer.send(right, sender.createTextMessage("r" + i));
        }
        connection.start();
        assertTrue(all.await(ARRIVES, TimeUnit.MILLISECONDS));
        assertEquals(1, meter.mostAtOnce(), "two listeners of one session ran at the same time");
    }

    /** Spec 6.1.5 (stop), 6.1.8 (connection close), 6.2.15 (session close), 8.8 (consumer close). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connection.stop", "connection.close", "session.close", "consumer.close"})
    void stopOrCloseFromAnotherThreadWaitsForARunningListenerToReturn(String call) throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("waits-for-listener");
        HeldCallback listener = new HeldCallback();
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(message -> listener.hold());
        Session sender = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createTextMessage("hold"));
        listener.assertCallWaitsForIt(call, switch (call) {
            case "connection.stop" -> connection::stop;
            case "connection.close" -> connection::close;
            case "session.close" -> session::close;
            default -> consumer::close;
        });
    }

    /**
     * Connection.close and Session.close javadoc: a listener under way when close is called from another thread keeps
     * every facility of its session until it returns; its sends succeed and its message is acknowledged on its return.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connection.close", "session.close"})
    void aListenerUnderWayWhenCloseIsCalledKeepsItsSessionUntilItReturns(String call) throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue requests = session.createQueue("requests-while-closing-" + call);
        Queue replies = session.createQueue("replies-while-closing-" + call);
        MessageProducer replier = session.createProducer(replies);
        HeldCallback listener = new HeldCallback();
        CallOutcome reply = new CallOutcome();
        session.createConsumer(requests).setMessageListener(message -> reply.record(() -> {
            listener.hold();
            replier.send(session.createTextMessage("reply"));
        }));
        Session observer = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        observer.createProducer(requests).send(observer.createTextMessage("request"));
        listener.assertCallWaitsForIt(call, "connection.close".equals(call) ? connection::close : session::close);

        assertNull(reply.thrown(), "the listener lost its session while close waited for it");
        assertReceives(List.of("reply"), observer.createConsumer(replies));
        assertEquals(List.of(), browse(observer.createBrowser(requests)),
                "the request was acknowledged when the listener returned");
    }

    @Test
    void noListenerRunsWhileTheConnectionIsStopped() throws Exception { // spec 6.1.5
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("paused-listener");
        AtomicInteger calls = new AtomicInteger();
        session.createConsumer(queue).setMessageListener(message -> calls.incrementAndGet());
        connection.stop();
        Session sender = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sender.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(sender.createTextMessage("p" + i));
        }
        Thread.sleep(ABSENT); // nothing may happen in this time
        assertEquals(0, calls.get(), "a listener ran while its connection was stopped");
        connection.start();
        Deadline.awaitTrue("all five delivered after start", ARRIVES, () -> calls.get() == 5);
    }

    @Test
    void connectionStopFromItsOwnListenerIsRefusedOrStopsWithoutHanging() throws Throwable { // spec 6.1.5
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("stop-from-listener");
        CallOutcome stop = new CallOutcome();
        AtomicInteger calls = new AtomicInteger();
        session.createConsumer(queue).setMessageListener(message -> {
            if (calls.incrementAndGet() == 1) {
                stop.record(connection::stop);
            }
        });
        Session sender = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sender.createProducer(queue);
        producer.send(sender.createTextMessage("first"));
        Throwable thrown = stop.thrown();
        producer.send(sender.createTextMessage("second"));
        assertRefusedOrDone(thrown, IllegalStateException.class, () -> {
            Thread.sleep(ABSENT);
            assertEquals(1, calls.get(), "stop succeeded, yet the listener got another message");
        });
    }

    @Test
    void connectionCloseFromItsOwnListenerIsRefusedOrClosesWithoutHanging() throws Throwable { // spec 6.1.8
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("close-connection-from-listener");
        CallOutcome close = new CallOutcome();
        session.createConsumer(queue).setMessageListener(message -> close.record(connection::close));
        Session sender = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createTextMessage("x"));
        assertRefusedOrDone(close.thrown(), IllegalStateException.class,
                () -> assertThrows(IllegalStateException.class, connection::getClientID));
    }

    @Test
    void sessionCloseFromItsOwnListenerIsRefusedOrClosesWithoutHanging() throws Throwable { // spec 6.2.15
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("close-session-from-listener");
        CallOutcome close = new CallOutcome();
        session.createConsumer(queue).setMessageListener(message -> close.record(session::close));
        Session sender = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        sender.createProducer(queue).send(sender.createTextMessage("x"));
        assertRefusedOrDone(close.thrown(), IllegalStateException.class,
                () -> assertThrows(IllegalStateException.class, session::createMessage));
    }

    @Test
    void contextStopOrCloseFromItsOwnListenerIsRefusedOrDoneWithoutHanging() throws Throwable { // 6.1.5, 6.2.15
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("context-from-listener");
        CallOutcome stop = new CallOutcome();
        CallOutcome close = new CallOutcome();
        AtomicInteger calls = new AtomicInteger();
        context.createConsumer(queue).setMessageListener(message -> {
            if (calls.incrementAndGet() == 1) {
                stop.record(context::stop);
            } else {
                close.record(context::close);
            }
        });
        JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        sender.createProducer().send(queue, "stop");
        assertRefusedOrDone(stop.thrown(), IllegalStateRuntimeException.class, context::start);
        sender.createProducer().send(queue, "close");
        assertRefusedOrDone(close.thrown(), IllegalStateRuntimeException.class,
                () -> assertThrows(IllegalStateRuntimeException.class, context::createProducer));
    }

    @Test
    void consumerCloseFromItsOwnListenerIsAllowedAndEndsItsDeliveries() throws Exception { // spec 8.8
        Connection connection = connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("close-consumer-from-listener");
        MessageConsumer consumer = session.createConsumer(queue);
        CallOutcome close = new CallOutcome();
        AtomicInteger calls = new AtomicInteger();
        consumer.setMessageListener(message -> {
            calls.incrementAndGet();
            close.record(consumer::close);
        });
        Session sender = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sender.createProducer(queue);
        for (String body : new String[]{"m1", "m2", "m3"}) {
            producer.send(sender.createTextMessage(body));
        }
        assertNull(close.thrown(), "MessageConsumer.close from its own listener must be allowed");
        Thread.sleep(ABSENT); // nothing may happen in this time
        assertEquals(1, calls.get(), "the closed consumer's listener was called again");
        // AUTO_ACKNOWLEDGE: m1 was acknowledged when onMessage returned; the rest wait for another consumer
        assertReceives(List.of("m2", "m3"), sender.createConsumer(queue));
    }

    @Test
    void synchronousReceiveOnAConsumerWithAListenerIsRefused() throws Exception { // spec 6.2.5
        Session session = stoppedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("listened-to"));
        consumer.setMessageListener(message -> { });
        assertThrows(IllegalStateException.class, () -> consumer.receive(ABSENT));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer simple = context.createConsumer(context.createQueue("listened-to-simple"));
        simple.setMessageListener(message -> { });
        assertThrows(IllegalStateRuntimeException.class, () -> simple.receive(ABSENT));
        assertThrows(IllegalStateRuntimeException.class, () -> simple.receiveBody(String.class, ABSENT));
    }
}
