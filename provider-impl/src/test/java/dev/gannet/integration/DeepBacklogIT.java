package dev.gannet.integration;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backlog of a million 100-byte persistent messages (system property {@code gannet.backlog.count}) filled and
 * drained through one broker whose JVM, test included, has a 256 MiB heap (the surefire execution
 * {@code deep-backlog} sets {@code -Xmx256m}). Nothing may be lost or duplicated and the heap must hold: the
 * queue keeps only its memory window in heap and pages the rest from the store; a browser enumerates the whole
 * backlog between fill and drain, reading it a page at a time. It prints the fill and drain
 * rates (the drain rate per tenth of the backlog, to show it does not collapse) and the peak heap.
 */
class DeepBacklogIT extends BrokerTestSupport {

    private static final int COUNT = Integer.getInteger("gannet.backlog.count", 1_000_000);
    private static final int PRODUCERS = 2;
    private static final int BATCH = 1000;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void aMillionMessageBacklogFillsAndDrainsInA256MiBHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 300L << 20,
                "run with -Xmx256m (the deep-backlog execution does); max heap is "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        HeapSampler heap = new HeapSampler();
        heap.start();
        Queue queue = session(Session.AUTO_ACKNOWLEDGE).createQueue("backlog.deep");
        long fillStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        List<Future<?>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p * (COUNT / PRODUCERS);
            int last = p == PRODUCERS - 1 ? COUNT : first + COUNT / PRODUCERS;
            Session session = connection().createSession(Session.SESSION_TRANSACTED);
            producers.add(pool.submit(() -> fill(session, queue, first, last)));
        }
        for (Future<?> producer : producers) {
            producer.get();
        }
        pool.shutdown();
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        print("filled %,d messages in %.1f s: %,.0f msgs/s", COUNT, fillSeconds, COUNT / fillSeconds);

        browseWhole(queue);

        Session session = connection().createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        BitSet seen = new BitSet(COUNT);
        long drainStart = System.nanoTime();
        long tenthStart = drainStart;
        int tenth = Math.max(1, COUNT / 10);
        List<String> rates = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            Message message = receive(consumer);
            int seq = message.getIntProperty("seq");
            assertFalse(seen.get(seq), "message " + seq + " delivered twice");
            seen.set(seq);
            if (i % BATCH == 0 || i == COUNT) {
                session.commit();
            }
            if (i % tenth == 0) {
                long now = System.nanoTime();
                rates.add(String.format(Locale.ROOT, "%,.0f", tenth / ((now - tenthStart) / 1e9)));
                tenthStart = now;
            }
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        assertNull(consumer.receive(ABSENT), "more messages than were sent");
        session.commit();
        assertEquals(COUNT, seen.cardinality());
        print("drained %,d messages in %.1f s: %,.0f msgs/s; per tenth of the backlog (msgs/s): %s", COUNT,
                drainSeconds, COUNT / drainSeconds, String.join(" ", rates));
        heap.interrupt();
        print("peak heap in use %,d MiB of a %,d MiB maximum (sampled every 20 ms, garbage included)",
                heap.peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** A browser enumerates the whole backlog, each message once, without holding it in the heap. */
    private void browseWhole(Queue queue) throws Exception {
        long start = System.nanoTime();
        BitSet browsed = new BitSet(COUNT);
        try (QueueBrowser browser = session(Session.AUTO_ACKNOWLEDGE).createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                int seq = ((Message) messages.nextElement()).getIntProperty("seq");
                assertFalse(browsed.get(seq), "message " + seq + " browsed twice");
                browsed.set(seq);
            }
        }
        assertEquals(COUNT, browsed.cardinality(), "messages the browser saw");
        double seconds = (System.nanoTime() - start) / 1e9;
        print("browsed %,d messages in %.1f s: %,.0f msgs/s", COUNT, seconds, COUNT / seconds);
    }

    private static Void fill(Session session, Queue queue, int first, int last) throws Exception {
        MessageProducer producer = session.createProducer(queue);
        byte[] body = new byte[100];
        for (int seq = first; seq < last; seq++) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            message.setIntProperty("seq", seq);
            producer.send(message);
            if ((seq - first + 1) % BATCH == 0 || seq == last - 1) {
                session.commit();
            }
        }
        return null;
    }

    /** Samples the heap in use; {@link #peak} is the most seen. */
    private static final class HeapSampler extends Thread {
        volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("deep backlog: " + String.format(Locale.ROOT, format, args));
    }
}
