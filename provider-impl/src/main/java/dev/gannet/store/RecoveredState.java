package dev.gannet.store;

import java.util.List;
import java.util.Map;

/**
 * What a store held when it was opened. Messages are not loaded here: each queue pages its backlog in with
 * {@link MessageStore#page}.
 *
 * @param queues        every stored queue
 * @param pendingCounts per queue id, how many messages it holds at each priority (index 0-9)
 * @param duplicates    the remembered duplicate IDs, oldest first
 * @param maxMessageId  the highest message id ever stored, 0 if none
 * @param maxQueueId    the highest queue id ever stored, 0 if none
 * @param quarantined   how many rows the store has set aside so far because they could not be loaded
 * @param prepared      the prepared XA branches, in the order of their ids (their references are not in
 *                      {@code pendingCounts}, their duplicate IDs not in {@code duplicates})
 */
public record RecoveredState(List<StoredQueue> queues, Map<Long, long[]> pendingCounts,
                             List<StoredDuplicate> duplicates, long maxMessageId, long maxQueueId,
                             long quarantined, List<RecoveredBranch> prepared) {
}
