package dev.gannet.broker;

import dev.gannet.store.PagedMessage;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One management operation's walk through a {@link MessageQueue} (remove, purge, move, retry; see
 * {@link MessageMover}): takes out, a batch at a time, the waiting messages it wants. Each batch looks through what
 * the queue holds in memory, then goes on through its stored backlog past the paging cursor, read from the store a
 * page at a time, from where the previous batch stopped. Only messages the queue held when the walk began are taken
 * (newer ones have higher ids), so a walk ends even while producers send; expired messages are left to expiry, and
 * messages delivered to a consumer or held back until their delivery time are not waiting, so they are not taken.
 *
 * <p>Not thread-safe: the one thread of its operation calls it.
 */
final class QueueSweep {

    private static final int PRIORITIES = 10;

    private final MessageQueue queue;
    private final Predicate<ServerMessage> wanted;
    /** Per priority, the id of the last stored message looked at; {@link Long#MAX_VALUE}: nothing stored to read. */
    private final long[] after;
    private int priority = PRIORITIES - 1;

    /**
     * @param wanted which messages to take
     * @param lastId the highest message id the broker had given when the walk began
     */
    QueueSweep(MessageQueue queue, Predicate<ServerMessage> wanted, long lastId) {
        this.queue = queue;
        this.wanted = message -> message.id <= lastId && wanted.test(message);
        this.after = queue.storedFrom();
    }

    /**
     * Takes up to {@code max} more wanted messages out of the queue, in delivery order within memory and within the
     * store; an empty list once none is left. The caller consumes them ({@link MessageQueue#removalOf}, then
     * {@link MessageQueue#consumed} once written) or gives them back ({@link MessageQueue#returnTaken}).
     *
     * @throws JMSException if the stored backlog cannot be read: what this call took is back in the queue
     */
    List<MessageRef> next(int max) throws JMSException {
        List<MessageRef> taken = queue.takeHeld(wanted, max);
        try {
            takeStored(taken, max);
        } catch (JMSException | RuntimeException e) {
            queue.returnTaken(taken); // else what this batch took already would wait nowhere
            throw e;
        }
        return taken;
    }

    /** Adds to {@code taken}, up to {@code max} in all, wanted messages of the stored backlog, a page at a time. */
    private void takeStored(List<MessageRef> taken, int max) throws JMSException {
        long now = System.currentTimeMillis();
        while (taken.size() < max && priority >= 0) {
            if (after[priority] == Long.MAX_VALUE) {
                priority--;
                continue;
            }
            List<PagedMessage> rows = read(priority, after[priority]);
            List<MessageRef> candidates = new ArrayList<>();
            int looked = 0;
            for (PagedMessage row : rows) {
                if (taken.size() + candidates.size() >= max) {
                    break;
                }
                looked++;
                after[priority] = row.message().id();
                ServerMessage message = ServerMessage.recovered(row.message());
                if (!message.isExpired(now) && wanted.test(message)) {
                    candidates.add(new MessageRef(message, queue, row.deliveryCount()));
                }
            }
            taken.addAll(queue.takePaged(priority, candidates));
            if (looked == rows.size() && rows.size() < QueueBrowsing.STORE_PAGE) {
                priority--;
            }
        }
    }

    private List<PagedMessage> read(int level, long afterId) throws JMSException {
        try {
            return queue.readStored(level, afterId, QueueBrowsing.STORE_PAGE);
        } catch (RuntimeException e) {
            JMSException failure = new JMSException("Cannot read the stored backlog of " + queue.destination + ": "
                    + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
