package dev.gannet.store;

/** One change to the store; the broker groups them into units (see {@link MessageStore#write}). */
public sealed interface StoreOperation {

    record AddQueue(StoredQueue queue) implements StoreOperation {
    }

    /**
     * Removes a queue together with its references, prepared ones too (their branches keep the rest); messages left
     * without reference go too.
     */
    record RemoveQueue(long queueId) implements StoreOperation {
    }

    record AddMessage(StoredMessage message) implements StoreOperation {
    }

    /** Removes a message held by one queue only, together with that queue's reference (sent before it). */
    record RemoveMessage(long messageId) implements StoreOperation {
    }

    /** One of several queues let go of a message: counts it down, removing it when no queue holds it. */
    record ReleaseMessage(long messageId) implements StoreOperation {
    }

    record AddReference(long queueId, long messageId, int priority) implements StoreOperation {
    }

    record RemoveReference(long queueId, long messageId) implements StoreOperation {
    }

    record SetDeliveryCount(long queueId, long messageId, int deliveryCount) implements StoreOperation {
    }

    record AddDuplicate(StoredDuplicate duplicate) implements StoreOperation {
    }

    /** Forgets a duplicate ID, plain or prepared (a prepared branch's ID stays forgotten when it commits). */
    record RemoveDuplicate(long sequence) implements StoreOperation {
    }

    /*
     * XA. A branch's prepare is one unit: AddPreparedBranch, then the AddMessage rows of its sends with their
     * AddPreparedSend, its AddPreparedAcknowledge and AddPreparedDuplicate. Its outcome is one operation in a later
     * unit. Prepared references count in their message's references, and are in no queue's backlog (not paged, not
     * counted as pending) until the branch commits (sends) or rolls back (acknowledgements). A prepared operation
     * naming a branch that is not stored breaks a rule (the unit fails); the outcome of a branch that is not stored
     * changes nothing, as removing a reference that is not stored does. The units of a branch are applied in a
     * transaction of their own, in order with the others.
     */

    /** Stores an XA branch as prepared; the other prepared operations name it by {@code branch.id()}. */
    record AddPreparedBranch(StoredBranch branch) implements StoreOperation {
    }

    /** A message the prepared branch sent to a queue: a reference the queue gets when the branch commits. */
    record AddPreparedSend(long branchId, long queueId, long messageId, int priority) implements StoreOperation {
    }

    /**
     * A message the prepared branch consumed: the queue's reference moves aside (with its delivery count), locked,
     * until the branch commits (it goes) or rolls back (it returns). A reference the queue does not hold is no
     * change.
     */
    record AddPreparedAcknowledge(long branchId, long queueId, long messageId) implements StoreOperation {
    }

    /** A duplicate ID one of the prepared branch's sends carried: remembered from now, forgotten if it rolls back. */
    record AddPreparedDuplicate(long branchId, StoredDuplicate duplicate) implements StoreOperation {
    }

    /**
     * Commits a prepared branch: its sends become references of their queues, its acknowledged references go (and
     * messages no queue holds any more with them), its duplicate IDs stay as plain ones; the branch is forgotten.
     */
    record CommitPreparedBranch(long branchId) implements StoreOperation {
    }

    /**
     * Rolls a prepared branch back: its acknowledged references return to their queues with their delivery counts,
     * its sent messages go, its duplicate IDs are forgotten, and so is the branch.
     */
    record RollbackPreparedBranch(long branchId) implements StoreOperation {
    }
}
