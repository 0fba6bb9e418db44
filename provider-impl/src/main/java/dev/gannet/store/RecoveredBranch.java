package dev.gannet.store;

import java.util.List;

/**
 * A prepared XA branch as the store held it when opened: what it sent (invisible in their queues until it commits)
 * and what it consumed (locked away from their queues until it commits or rolls back), with the messages' bodies,
 * and the duplicate IDs it sent.
 *
 * @param sends        the references the branch sent: each message with delivery count 0; by message id, then queue
 *                     id
 * @param acknowledged the references the branch consumed, with their delivery counts; by message id, then queue id
 * @param duplicates   the duplicate IDs the branch's sends carried
 */
public record RecoveredBranch(StoredBranch branch, List<PreparedReference> sends, List<PreparedReference> acknowledged,
                              List<StoredDuplicate> duplicates) {

    /** A reference a prepared branch holds: the queue's id and the message, as a queue would page it in. */
    public record PreparedReference(long queueId, PagedMessage message) {
    }
}
