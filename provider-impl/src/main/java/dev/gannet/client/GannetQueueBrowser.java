package dev.gannet.client;

import dev.gannet.message.GannetMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.protocol.Command;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A queue browser (spec 4.5, QueueBrowser): each enumeration walks the queue in delivery order as the broker holds it
 * when the enumeration begins, fetched a page at a time ({@link Command.Browse}, {@link Command.BrowseNext}), so that
 * browsing a deep queue never holds more than a page of it. An enumeration whose browser or session closes ends.
 */
public class GannetQueueBrowser implements QueueBrowser {

    private static final Logger LOG = LoggerFactory.getLogger(GannetQueueBrowser.class);
    /** The most messages the first page of an enumeration holds (later pages are as large as the broker makes them). */
    static final int FIRST_PAGE = 100;

    private final GannetSession session;
    private final Queue queue;
    private final String selector;
    private final Set<Walk> walks = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    GannetQueueBrowser(GannetSession session, Queue queue, String selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw Errors.closed("Browser of " + queue);
        }
        session.checkClosed();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException {
        checkClosed();
        int browseId = session.nextBrowseId();
        List<byte[]> first = session.connection().call(new Command.Browse(session.id(), browseId,
                GannetSession.toGannet(queue), selector, FIRST_PAGE));
        Walk walk = new Walk(browseId, first);
        if (!walk.ended) {
            walks.add(walk);
        }
        return walk;
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closeLocally();
        session.browserClosed(this);
        if (!session.isClosed()) {
            for (Walk walk : walks) {
                try {
                    session.connection().call(new Command.CloseBrowse(session.id(), walk.browseId));
                } catch (JMSException e) {
                    LOG.debug("Ending enumeration {} of the browser of {} on the broker failed: {}", walk.browseId,
                            queue, e.getMessage());
                }
            }
        }
        walks.clear();
    }

    void closeLocally() {
        closed = true;
    }

    /** One enumeration: its place in the broker's walk through the queue, and the page fetched last. */
    private final class Walk implements Enumeration<Message> {

        private final int browseId;
        private final ArrayDeque<byte[]> page; // guarded by this
        private boolean ended; // guarded by this

        Walk(int browseId, List<byte[]> first) {
            this.browseId = browseId;
            this.page = new ArrayDeque<>(first);
            this.ended = first.isEmpty();
        }

        /**
         * @throws jakarta.jms.JMSRuntimeException if the next page cannot be fetched (the connection failed, say)
         */
        @Override
        public synchronized boolean hasMoreElements() {
            if (page.isEmpty() && !ended) {
                fetch();
            }
            return !page.isEmpty();
        }

        /**
         * @throws NoSuchElementException if the walk is over
         * @throws jakarta.jms.JMSRuntimeException if the next page cannot be fetched, or the message cannot be read
         */
        @Override
        public synchronized Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("Browser of " + queue + ": the enumeration has no more messages");
            }
            byte[] encoded = page.poll();
            return Errors.unchecked(() -> {
                GannetMessage message = MessageCodec.decode(encoded);
                message.markDelivered(1, false);
                return message;
            });
        }

        private void fetch() {
            if (closed) {
                LOG.debug("Browser of {} is closed: its enumeration {} ends", queue, browseId);
                end();
                return;
            }
            List<byte[]> next = Errors.unchecked(() -> session.connection().call(
                    new Command.BrowseNext(session.id(), browseId)));
            page.addAll(next);
            if (next.isEmpty()) {
                end();
            }
        }

        private void end() {
            ended = true;
            walks.remove(this);
        }
    }
}
