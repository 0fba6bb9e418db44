package dev.gannet.management;

import dev.gannet.api.DestinationStatistics;
import dev.gannet.api.management.MessageInfo;
import dev.gannet.api.management.QueueMXBean;
import dev.gannet.broker.Administration;
import dev.gannet.broker.QueueAddress;
import jakarta.jms.JMSException;

import java.util.List;

/**
 * {@link QueueMXBean} over the broker's {@link Administration}, for the queue (or, as {@link SubscriptionControl}, the
 * subscription) at {@code address}.
 */
class QueueControl implements QueueMXBean {

    /** The most messages one {@link #browse} call answers. */
    static final int MAX_BROWSE = 1000;
    /** Everything a selector selects. */
    private static final long ALL = Long.MAX_VALUE;

    final Administration administration;
    final QueueAddress address;
    private final boolean temporary;

    /** @param temporary whether it is a temporary queue (a subscription: of a temporary topic) */
    QueueControl(Administration administration, QueueAddress address, boolean temporary) {
        this.administration = administration;
        this.address = address;
        this.temporary = temporary;
    }

    @Override
    public String getName() {
        return ((QueueAddress.Queue) address).name();
    }

    @Override
    public boolean isTemporary() {
        return temporary;
    }

    @Override
    public DestinationStatistics getStatistics() {
        return read("Statistics", () -> administration.statistics(address));
    }

    @Override
    public long getDepth() {
        return getStatistics().depth();
    }

    @Override
    public long getBytes() {
        return getStatistics().bytes();
    }

    @Override
    public long getPagedCount() {
        return read("PagedCount", () -> administration.pagedCount(address));
    }

    @Override
    public long getMemoryBytes() {
        return read("MemoryBytes", () -> administration.memoryBytes(address));
    }

    @Override
    public long getEnqueuedCount() {
        return getStatistics().enqueued();
    }

    @Override
    public long getDeliveredCount() {
        return getStatistics().delivered();
    }

    @Override
    public long getAcknowledgedCount() {
        return getStatistics().acknowledged();
    }

    @Override
    public long getExpiredCount() {
        return getStatistics().expired();
    }

    @Override
    public long getDeadLetteredCount() {
        return getStatistics().deadLettered();
    }

    @Override
    public long getDuplicatesDroppedCount() {
        return getStatistics().duplicatesDropped();
    }

    @Override
    public int getConsumerCount() {
        return getStatistics().consumers();
    }

    @Override
    public long getOldestMessageAgeMillis() {
        long oldest = read("OldestMessageAgeMillis", () -> administration.oldestMessageTimestamp(address));
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    @Override
    public boolean isPaused() {
        return read("Paused", () -> administration.isPaused(address));
    }

    @Override
    public List<MessageInfo> browse(int offset, int max) {
        return browse(null, offset, max);
    }

    @Override
    public List<MessageInfo> browse(String selector, int offset, int max) {
        if (offset < 0 || max < 1 || max > MAX_BROWSE) {
            throw new IllegalArgumentException("browse needs an offset >= 0 and a max of 1 to " + MAX_BROWSE
                    + ", not offset " + offset + " and max " + max);
        }
        List<byte[]> page = act("browse(" + selector + ", " + offset + ", " + max + ")",
                () -> administration.browse(address, selector, offset, max));
        return page.stream().map(MessageInfos::describe).toList();
    }

    @Override
    public boolean removeMessage(String messageId) {
        return act("removeMessage(" + messageId + ")",
                () -> administration.remove(address, selectorFor(messageId), 1)) > 0;
    }

    @Override
    public long purge() {
        return act("purge", () -> administration.remove(address, null, ALL));
    }

    @Override
    public boolean moveMessage(String messageId, String targetQueue) {
        return act("moveMessage(" + messageId + ", " + targetQueue + ")",
                () -> administration.move(address, selectorFor(messageId), 1, targetQueue)) > 0;
    }

    @Override
    public long moveMessages(String selector, String targetQueue) {
        return act("moveMessages(" + selector + ", " + targetQueue + ")",
                () -> administration.move(address, selector, ALL, targetQueue));
    }

    @Override
    public boolean retryMessage(String messageId) {
        return act("retryMessage(" + messageId + ")",
                () -> administration.retry(address, selectorFor(messageId), 1)) > 0;
    }

    @Override
    public long retryMessages(String selector) {
        return act("retryMessages(" + selector + ")", () -> administration.retry(address, selector, ALL));
    }

    @Override
    public void pause() {
        act("pause", () -> {
            administration.pause(address);
            return null;
        });
    }

    @Override
    public void resume() {
        act("resume", () -> {
            administration.resume(address);
            return null;
        });
    }

    /**
     * {@code JMSMessageID = 'ID'}, quotes in the ID doubled as a selector's string literal wants (JMS 3.8.1.1).
     *
     * @throws IllegalArgumentException if {@code messageId} is null or empty
     */
    private static String selectorFor(String messageId) {
        if (messageId == null || messageId.isEmpty()) {
            throw new IllegalArgumentException("A message ID is needed, e.g. ID:...");
        }
        return "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }

    /** A call into the administration that may fail with a broker failure. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws JMSException;
    }

    /** Reads an attribute; the queue being gone is an {@link IllegalStateException}, as every other failure. */
    static <T> T read(String attribute, Call<T> call) {
        try {
            return call.run();
        } catch (JMSException e) {
            throw new IllegalStateException("Reading " + attribute + " failed: " + e.getMessage());
        }
    }

    /** Runs an operation, its failure mapped by {@link OperationFailures}. */
    static <T> T act(String operation, Call<T> call) {
        try {
            return call.run();
        } catch (JMSException e) {
            throw OperationFailures.of(operation, e);
        }
    }
}
