package dev.gannet.broker;

import dev.gannet.selector.Selector;
import dev.gannet.store.PagedMessage;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One enumeration of a queue browser walking through one {@link MessageQueue} in delivery order, a page at a time:
 * per priority, highest first, the messages the queue held in memory when the enumeration began, then those of its
 * stored backlog past the paging cursor, read from the store in pages. So a browser of a deep backlog holds at most a
 * page of it, never the whole queue. Messages that are consumed while the browser walks may still be seen, messages
 * that arrive may not (spec 4.5: whether a browser sees changes is up to the provider). Expired messages are skipped.
 *
 * <p>Not thread-safe: the session that owns it calls it from one command at a time.
 */
final class QueueBrowsing {

    private static final int PRIORITIES = 10;
    /** Stored messages read per store round trip. */
    static final int STORE_PAGE = 500;

    private final MessageQueue queue;
    private final Selector selector;
    /** Per priority: the in-memory references at the start, then the store past {@code after}. */
    private final List<List<MessageRef>> held;
    private final long[] after;
    private final Set<Long> takenAhead;
    private int priority = PRIORITIES - 1;
    private Iterator<MessageRef> memory;
    private boolean storeDone;
    private List<PagedMessage> stored = List.of();
    private int storedIndex;

    /**
     * @param held       per priority (index = priority), the references the queue held in memory, in delivery order
     * @param after      per priority, the id past which the store holds the paged backlog ({@link Long#MAX_VALUE}:
     *                   nothing paged)
     * @param takenAhead ids of paged messages already delivered ahead of the cursor, not to be shown
     */
    QueueBrowsing(MessageQueue queue, Selector selector, List<List<MessageRef>> held, long[] after,
                  Set<Long> takenAhead) {
        this.queue = queue;
        this.selector = selector;
        this.held = held;
        this.after = after;
        this.takenAhead = takenAhead;
        this.memory = held.get(priority).iterator();
    }

    /**
     * The next messages of the walk, encoded, at most {@code max} of them and stopping once {@code maxBytes} are
     * reached (at least one message if {@code max} is positive and any is left); an empty list once the walk is over.
     *
     * @throws JMSException if the stored backlog cannot be read, or a message cannot be read for the selector
     */
    List<byte[]> next(int max, long maxBytes) throws JMSException {
        List<byte[]> page = new ArrayList<>();
        long bytes = 0;
        long now = System.currentTimeMillis();
        while (page.size() < max && bytes < maxBytes) {
            ServerMessage message = nextMessage();
            if (message == null) {
                break;
            }
            if (!message.isExpired(now) && (selector == null || selector.matches(message.filterable()))) {
                page.add(message.encoded);
                bytes += message.encoded.length;
            }
        }
        return page;
    }

    /** The next message of the walk, whatever its selector and expiry say; null at the end. */
    private ServerMessage nextMessage() throws JMSException {
        while (priority >= 0) {
            if (memory.hasNext()) {
                return memory.next().message;
            }
            if (storedIndex < stored.size()) {
                PagedMessage row = stored.get(storedIndex++);
                after[priority] = row.message().id();
                if (!takenAhead.contains(row.message().id())) {
                    return ServerMessage.recovered(row.message());
                }
                continue;
            }
            if (!storeDone && after[priority] != Long.MAX_VALUE) {
                stored = readStore(priority, after[priority]);
                storedIndex = 0;
                storeDone = stored.size() < STORE_PAGE;
                if (!stored.isEmpty()) {
                    continue;
                }
            }
            priority--;
            if (priority >= 0) {
                memory = held.get(priority).iterator();
                stored = List.of();
                storedIndex = 0;
                storeDone = false;
            }
        }
        return null;
    }

    private List<PagedMessage> readStore(int level, long afterId) throws JMSException {
        try {
            return queue.readStored(level, afterId, STORE_PAGE);
        } catch (RuntimeException e) {
            JMSException failure = new JMSException("Cannot browse " + queue.destination + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
