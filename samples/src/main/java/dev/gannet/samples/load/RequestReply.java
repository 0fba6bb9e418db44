package dev.gannet.samples.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Workload 8: round-trip latency of non-persistent 1 KiB requests answered by a responder thread on its own
 * connection, one request at a time; replies go to a temporary queue and carry the request's JMSCorrelationID.
 * The first {@code warmUp} round trips are neither sampled nor timed.
 */
final class RequestReply implements Workload {

    private static final long RECEIVE_LIMIT_MS = Drain.IDLE_LIMIT.toMillis();

    private final ProcessClock clock;
    private final int count;
    private final int warmUp;
    private final Payload payload = new Payload(Payload.KIB);

    RequestReply(ProcessClock clock, long count, long warmUp) {
        this.clock = clock;
        this.count = Math.toIntExact(Math.max(1, count));
        this.warmUp = Math.toIntExact(Math.max(0, warmUp));
    }

    @Override
    public String name() {
        return "request-reply";
    }

    @Override
    public Result run(ConnectionFactory factory, Destinations destinations)
            throws JMSException, InterruptedException {
        try (Connection responding = factory.createConnection(); Connection requesting = factory.createConnection()) {
            Session serving = responding.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer requests = serving.createConsumer(destinations.queue(serving, "requests"));
            MessageProducer replies = serving.createProducer(null);
            replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            responding.start();
            AtomicReference<Exception> responderFailure = new AtomicReference<>();
            Thread responder = new Thread(() -> respond(requests, serving, replies, responderFailure),
                    name() + "-responder");
            responder.start();

            Session session = requesting.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replyQueue = session.createTemporaryQueue();
            MessageConsumer replyConsumer = session.createConsumer(replyQueue);
            MessageProducer producer = session.createProducer(destinations.queue(session, "requests"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            requesting.start();
            long[] samples = new long[count];
            ProcessClock.Mark start = clock.start();
            for (int i = 0; i < warmUp + count; i++) {
                if (i == warmUp) {
                    start = clock.start();
                }
                Message request = payload.create(session);
                String correlation = "req-" + i;
                request.setJMSCorrelationID(correlation);
                request.setJMSReplyTo(replyQueue);
                long sent = System.nanoTime();
                producer.send(request);
                Message reply = replyConsumer.receive(RECEIVE_LIMIT_MS);
                long roundTrip = System.nanoTime() - sent;
                if (reply == null) {
                    throw new IllegalStateException("no reply to " + correlation + " within " + RECEIVE_LIMIT_MS
                            + " ms" + (responderFailure.get() == null ? "" : "; responder: " + responderFailure.get()));
                }
                if (!correlation.equals(reply.getJMSCorrelationID())) {
                    throw new IllegalStateException("reply to " + correlation + " carried JMSCorrelationID "
                            + reply.getJMSCorrelationID());
                }
                if (i >= warmUp) {
                    samples[i - warmUp] = roundTrip;
                }
            }
            Span span = start.stop();
            responder.interrupt();
            responding.close(); // ends a receive in progress
            responder.join(Drain.IDLE_LIMIT.toMillis());
            replyConsumer.close();
            replyQueue.delete();
            return new Result(new Rate("round trips", count, 2L * count * payload.size(), span), null,
                    new Latencies(samples, count));
        }
    }

    private void respond(MessageConsumer requests, Session session, MessageProducer replies,
                         AtomicReference<Exception> failure) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Message request = requests.receive(100);
                if (request == null) {
                    continue;
                }
                Destination replyTo = request.getJMSReplyTo();
                Message reply = payload.create(session);
                reply.setJMSCorrelationID(request.getJMSCorrelationID());
                replies.send(replyTo, reply);
            }
        } catch (JMSException e) {
            if (!Thread.currentThread().isInterrupted()) {
                failure.set(e);
            }
        }
    }
}
