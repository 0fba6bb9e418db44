package dev.gannet.store;

import java.util.List;
import java.util.Map;

/**
 * What a store held when it was opened.
 *
 * @param queues    every stored queue
 * @param pending   per queue id, the messages it still holds, in message id order
 * @param maxMessageId the highest message id ever stored, 0 if none
 */
public record RecoveredState(List<StoredQueue> queues, Map<Long, List<Pending>> pending, long maxMessageId,
                             long maxQueueId) {

    /** A message a queue still holds, with how often it was delivered before. */
    public record Pending(StoredMessage message, int deliveryCount) {
    }
}
