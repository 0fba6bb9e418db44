package dev.gannet.store.memory;

import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredBranch;
import dev.gannet.store.RecoveredBranch.PreparedReference;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredBranch;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link MessageStore} in the heap, for tests and for brokers whose persistent messages may be lost: what it holds
 * lives as long as the instance, so a broker restarted on a new one starts empty. It keeps the rules of the JDBC
 * store's schema (keys, references only to stored queues and messages, priorities 0-9, counts not negative) and
 * applies a unit as the JDBC store does: queue changes first, in order, then message inserts, updates and deletes;
 * a unit that breaks a rule fails alone and leaves nothing behind. Everything runs in order on the store's one
 * thread, which completes the futures, as the JDBC store's writer does.
 *
 * <p>Prepared XA branches follow the JDBC store's rules too: a prepared reference holds its message but is in no
 * queue's backlog; removing or quarantining a queue drops the prepared references to it (the branch keeps the rest);
 * committing or rolling back a branch that is not stored changes nothing, as removing a reference that is not stored
 * does; a duplicate ID's sequence is unique among plain and prepared ones, and {@code RemoveDuplicate} forgets
 * either.
 */
public final class InMemoryMessageStore implements MessageStore {

    private static final int PRIORITIES = 10;

    private final ExecutorService writer;
    private final Map<Long, StoredQueue> queues = new HashMap<>(); // writer thread only
    /** Per queue id, per priority: message id to delivery count. Writer thread only. */
    private final Map<Long, List<NavigableMap<Long, Integer>>> references = new HashMap<>();
    private final NavigableMap<Long, StoredMessage> messages = new TreeMap<>(); // writer thread only
    /** Per message id, how many references hold it (absent: none). Writer thread only. */
    private final Map<Long, Integer> holders = new HashMap<>();
    private final NavigableMap<Long, StoredDuplicate> duplicates = new TreeMap<>(); // writer thread only
    private final NavigableMap<Long, Branch> branches = new TreeMap<>(); // prepared XA branches; writer thread only
    private long quarantined; // writer thread only

    /** @param name names the store's thread ({@code gannet-store-NAME}) */
    public InMemoryMessageStore(String name) {
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "gannet-store-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public RecoveredState recover() {
        try {
            return onWriter(this::state).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException s ? s : new StoreException("Store task failed", e.getCause());
        }
    }

    private RecoveredState state() {
        List<StoredQueue> stored = queues.values().stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
        Map<Long, long[]> counts = new HashMap<>();
        references.forEach((queueId, levels) -> {
            for (int priority = 0; priority < PRIORITIES; priority++) {
                if (!levels.get(priority).isEmpty()) {
                    counts.computeIfAbsent(queueId, q -> new long[PRIORITIES])[priority] = levels.get(priority).size();
                }
            }
        });
        long maxMessageId = messages.isEmpty() ? 0 : messages.lastKey();
        long maxQueueId = queues.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        List<RecoveredBranch> prepared = branches.values().stream().map(this::recovered).toList();
        return new RecoveredState(stored, counts, List.copyOf(duplicates.values()), maxMessageId, maxQueueId,
                quarantined, prepared);
    }

    private RecoveredBranch recovered(Branch branch) {
        return new RecoveredBranch(branch.stored, preparedReferences(branch.sends),
                preparedReferences(branch.acknowledged), List.copyOf(branch.duplicates.values()));
    }

    /** A branch's references by message, then queue, as the JDBC store lists them. */
    private List<PreparedReference> preparedReferences(List<Held> held) {
        return held.stream().sorted(Comparator.comparingLong(Held::messageId).thenComparingLong(Held::queueId))
                .map(h -> new PreparedReference(h.queueId(),
                new PagedMessage(messages.get(h.messageId()), h.deliveryCount()))).toList();
    }

    @Override
    public CompletableFuture<Void> write(List<StoreOperation> operations) {
        List<StoreOperation> unit = List.copyOf(operations);
        return onWriter(() -> {
            Unit applying = new Unit();
            try {
                applying.apply(unit);
            } catch (RuntimeException e) {
                applying.undo();
                throw new StoreException("Store write failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<List<PagedMessage>> page(long queueId, int priority, long afterId, long beforeId,
                                                     int limit) {
        return onWriter(() -> {
            List<NavigableMap<Long, Integer>> levels = references.get(queueId);
            if (levels == null || priority < 0 || priority >= PRIORITIES || afterId >= beforeId) {
                return List.of();
            }
            List<PagedMessage> rows = new ArrayList<>();
            for (Map.Entry<Long, Integer> reference : levels.get(priority).subMap(afterId, false, beforeId, false)
                    .entrySet()) {
                if (rows.size() >= limit) {
                    break;
                }
                rows.add(new PagedMessage(messages.get(reference.getKey()), reference.getValue()));
            }
            return rows;
        });
    }

    @Override
    public CompletableFuture<Integer> quarantineQueue(long queueId, String reason) {
        return onWriter(() -> {
            if (!queues.containsKey(queueId)) {
                return 0;
            }
            int rows = 1;
            for (NavigableMap<Long, Integer> level : references.remove(queueId)) {
                for (Long messageId : level.keySet()) {
                    rows++;
                    holders.merge(messageId, -1, (a, b) -> a + b == 0 ? null : a + b);
                    StoredMessage message = messages.get(messageId);
                    if (message.references() <= 1) {
                        messages.remove(messageId);
                        rows++;
                    } else {
                        messages.put(messageId, withReferences(message, message.references() - 1));
                    }
                }
            }
            for (Branch branch : branches.values()) {
                for (List<Held> held : List.of(branch.sends, branch.acknowledged)) {
                    for (Held reference : List.copyOf(held)) {
                        if (reference.queueId() == queueId) {
                            held.remove(reference);
                            rows++;
                            holders.merge(reference.messageId(), -1, (a, b) -> a + b == 0 ? null : a + b);
                            StoredMessage message = messages.get(reference.messageId());
                            if (message.references() <= 1) {
                                messages.remove(reference.messageId());
                                rows++;
                            } else {
                                messages.put(reference.messageId(),
                                        withReferences(message, message.references() - 1));
                            }
                        }
                    }
                }
            }
            queues.remove(queueId);
            quarantined += rows;
            return rows;
        });
    }

    /** Lets the units handed over so far complete, then stops the store's thread. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletableFuture<T> onWriter(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, writer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StoreException("The store is closed", e));
        }
    }

    private static StoredMessage withReferences(StoredMessage m, int references) {
        return new StoredMessage(m.id(), m.priority(), m.expiration(), m.deliveryTime(), m.groupId(), m.encoded(),
                references);
    }

    /** A reference a prepared branch holds: one it sent (delivery count 0) or one it consumed. */
    private record Held(long queueId, long messageId, int priority, int deliveryCount) {
    }

    /** A prepared XA branch with what it holds. Writer thread only. */
    private static final class Branch {
        final StoredBranch stored;
        final List<Held> sends = new ArrayList<>();
        final List<Held> acknowledged = new ArrayList<>();
        final NavigableMap<Long, StoredDuplicate> duplicates = new TreeMap<>();

        Branch(StoredBranch stored) {
            this.stored = stored;
        }

        boolean holds(long queueId, long messageId) {
            return Stream.concat(sends.stream(), acknowledged.stream())
                    .anyMatch(h -> h.queueId() == queueId && h.messageId() == messageId);
        }
    }

    /**
     * One unit being applied: each change records how to undo it, so that a unit that breaks a rule (an
     * {@link IllegalStateException} naming it) is taken back whole.
     */
    private final class Unit {
        private final List<Runnable> undo = new ArrayList<>();

        void apply(List<StoreOperation> operations) {
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddQueue add) {
                    addQueue(add.queue());
                } else if (operation instanceof StoreOperation.RemoveQueue remove) {
                    removeQueue(remove.queueId());
                }
            }
            // the JDBC writer's phases: inserts, updates, reference deletes, message deletes, duplicate deletes
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddMessage add) {
                    addMessage(add.message());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddReference add) {
                    addReference(add.queueId(), add.messageId(), add.priority());
                } else if (operation instanceof StoreOperation.AddDuplicate add) {
                    addDuplicate(add.duplicate());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.SetDeliveryCount set) {
                    setDeliveryCount(set.queueId(), set.messageId(), set.deliveryCount());
                } else if (operation instanceof StoreOperation.ReleaseMessage release) {
                    countDown(release.messageId());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.RemoveReference remove) {
                    removeReference(remove.queueId(), remove.messageId());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.RemoveMessage remove) {
                    removeMessage(remove.messageId());
                } else if (operation instanceof StoreOperation.ReleaseMessage release) {
                    removeIfReleased(release.messageId());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.RemoveDuplicate remove) {
                    removeDuplicate(remove.sequence());
                }
            }
            applyPrepared(operations);
        }

        /**
         * The JDBC writer's XA phases, after all others: branches, prepared sends, prepared acknowledgements,
         * prepared duplicate IDs, then the outcomes in their order.
         */
        private void applyPrepared(List<StoreOperation> operations) {
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddPreparedBranch add) {
                    addBranch(add.branch());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddPreparedSend send) {
                    addPreparedSend(send);
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddPreparedAcknowledge acknowledge) {
                    addPreparedAcknowledge(acknowledge.branchId(), acknowledge.queueId(), acknowledge.messageId());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.AddPreparedDuplicate add) {
                    addPreparedDuplicate(add.branchId(), add.duplicate());
                }
            }
            for (StoreOperation operation : operations) {
                if (operation instanceof StoreOperation.CommitPreparedBranch commit) {
                    commitBranch(commit.branchId());
                } else if (operation instanceof StoreOperation.RollbackPreparedBranch rollback) {
                    rollbackBranch(rollback.branchId());
                }
            }
        }

        void undo() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
        }

        private void addQueue(StoredQueue queue) {
            if (queues.containsKey(queue.id())) {
                throw new IllegalStateException("queue " + queue.id() + " is stored already");
            }
            queues.put(queue.id(), queue);
            List<NavigableMap<Long, Integer>> levels = new ArrayList<>(PRIORITIES);
            for (int priority = 0; priority < PRIORITIES; priority++) {
                levels.add(new TreeMap<>());
            }
            references.put(queue.id(), levels);
            undo.add(() -> {
                queues.remove(queue.id());
                references.remove(queue.id());
            });
        }

        /** Removes a queue with its references; messages no queue holds any more go too. */
        private void removeQueue(long queueId) {
            StoredQueue queue = queues.remove(queueId);
            if (queue == null) {
                return;
            }
            List<NavigableMap<Long, Integer>> levels = references.remove(queueId);
            undo.add(() -> {
                queues.put(queueId, queue);
                references.put(queueId, levels);
            });
            for (NavigableMap<Long, Integer> level : levels) {
                for (Long messageId : level.keySet()) {
                    release(messageId);
                }
            }
            dropPreparedReferences(queueId);
        }

        private void addMessage(StoredMessage message) {
            checkPriority(message.priority(), "message " + message.id());
            if (message.references() < 0) {
                throw new IllegalStateException("message " + message.id() + " has a negative reference count");
            }
            if (messages.putIfAbsent(message.id(), message) != null) {
                throw new IllegalStateException("message " + message.id() + " is stored already");
            }
            undo.add(() -> messages.remove(message.id()));
        }

        private void addReference(long queueId, long messageId, int priority) {
            checkPriority(priority, "reference of queue " + queueId + " to message " + messageId);
            List<NavigableMap<Long, Integer>> levels = references.get(queueId);
            if (levels == null) {
                throw new IllegalStateException("reference to queue " + queueId + ", which is not stored");
            }
            if (!messages.containsKey(messageId)) {
                throw new IllegalStateException("reference to message " + messageId + ", which is not stored");
            }
            if (referenceLevel(queueId, messageId) != null) {
                throw new IllegalStateException("queue " + queueId + " holds message " + messageId + " already");
            }
            levels.get(priority).put(messageId, 0);
            hold(messageId, 1);
            undo.add(() -> levels.get(priority).remove(messageId));
        }

        private void setDeliveryCount(long queueId, long messageId, int deliveryCount) {
            NavigableMap<Long, Integer> level = referenceLevel(queueId, messageId);
            if (level == null) {
                return;
            }
            if (deliveryCount < 0) {
                throw new IllegalStateException("delivery count " + deliveryCount + " of message " + messageId
                        + " in queue " + queueId + " is negative");
            }
            Integer before = level.put(messageId, deliveryCount);
            undo.add(() -> level.put(messageId, before));
        }

        private void removeReference(long queueId, long messageId) {
            NavigableMap<Long, Integer> level = referenceLevel(queueId, messageId);
            if (level != null) {
                Integer deliveryCount = level.remove(messageId);
                hold(messageId, -1);
                undo.add(() -> level.put(messageId, deliveryCount));
            }
        }

        private void removeMessage(long messageId) {
            if (holders.containsKey(messageId)) {
                throw new IllegalStateException("message " + messageId + " is still held by a queue");
            }
            StoredMessage removed = messages.remove(messageId);
            if (removed != null) {
                undo.add(() -> messages.put(messageId, removed));
            }
        }

        private void countDown(long messageId) {
            StoredMessage message = messages.get(messageId);
            if (message != null) {
                messages.put(messageId, withReferences(message, message.references() - 1));
                undo.add(() -> messages.put(messageId, message));
            }
        }

        private void removeIfReleased(long messageId) {
            StoredMessage message = messages.get(messageId);
            if (message != null && message.references() <= 0) {
                removeMessage(messageId);
            }
        }

        private void addDuplicate(StoredDuplicate duplicate) {
            if (branches.values().stream().anyMatch(b -> b.duplicates.containsKey(duplicate.sequence()))
                    || duplicates.putIfAbsent(duplicate.sequence(), duplicate) != null) {
                throw new IllegalStateException("duplicate ID record " + duplicate.sequence() + " is stored already");
            }
            undo.add(() -> duplicates.remove(duplicate.sequence()));
        }

        private void removeDuplicate(long sequence) {
            StoredDuplicate removed = duplicates.remove(sequence);
            if (removed != null) {
                undo.add(() -> duplicates.put(removed.sequence(), removed));
            }
            for (Branch branch : branches.values()) {
                StoredDuplicate prepared = branch.duplicates.remove(sequence);
                if (prepared != null) {
                    undo.add(() -> branch.duplicates.put(sequence, prepared));
                }
            }
        }

        private void addBranch(StoredBranch branch) {
            if (branches.putIfAbsent(branch.id(), new Branch(branch)) != null) {
                throw new IllegalStateException("prepared branch " + branch.id() + " is stored already");
            }
            undo.add(() -> branches.remove(branch.id()));
        }

        private Branch branch(long branchId, String row) {
            Branch branch = branches.get(branchId);
            if (branch == null) {
                throw new IllegalStateException(row + " of prepared branch " + branchId + ", which is not stored");
            }
            return branch;
        }

        private void checkNotPrepared(long queueId, long messageId) {
            for (Branch branch : branches.values()) {
                if (branch.holds(queueId, messageId)) {
                    throw new IllegalStateException("prepared branch " + branch.stored.id() + " holds message "
                            + messageId + " of queue " + queueId + " already");
                }
            }
        }

        private void addPreparedSend(StoreOperation.AddPreparedSend send) {
            String row = "prepared send to queue " + send.queueId() + " of message " + send.messageId();
            checkPriority(send.priority(), row);
            Branch branch = branch(send.branchId(), row);
            if (!queues.containsKey(send.queueId())) {
                throw new IllegalStateException(row + ": the queue is not stored");
            }
            if (!messages.containsKey(send.messageId())) {
                throw new IllegalStateException(row + ": the message is not stored");
            }
            checkNotPrepared(send.queueId(), send.messageId());
            keep(branch.sends, new Held(send.queueId(), send.messageId(), send.priority(), 0));
            hold(send.messageId(), 1);
        }

        /** Moves a queue's reference aside into the branch; a reference the queue does not hold is no change. */
        private void addPreparedAcknowledge(long branchId, long queueId, long messageId) {
            NavigableMap<Long, Integer> level = referenceLevel(queueId, messageId);
            if (level == null) {
                return;
            }
            Branch branch = branch(branchId, "prepared acknowledgement of message " + messageId + " in queue "
                    + queueId);
            checkNotPrepared(queueId, messageId);
            int priority = references.get(queueId).indexOf(level);
            Integer deliveryCount = level.remove(messageId);
            undo.add(() -> level.put(messageId, deliveryCount));
            keep(branch.acknowledged, new Held(queueId, messageId, priority, deliveryCount));
        }

        private void addPreparedDuplicate(long branchId, StoredDuplicate duplicate) {
            Branch branch = branch(branchId, "prepared duplicate ID record " + duplicate.sequence());
            if (duplicates.containsKey(duplicate.sequence()) || branches.values().stream()
                    .anyMatch(b -> b.duplicates.containsKey(duplicate.sequence()))) {
                throw new IllegalStateException("duplicate ID record " + duplicate.sequence() + " is stored already");
            }
            branch.duplicates.put(duplicate.sequence(), duplicate);
            undo.add(() -> branch.duplicates.remove(duplicate.sequence()));
        }

        /** Sends become references of their queues, acknowledged references go, duplicate IDs become plain. */
        private void commitBranch(long branchId) {
            Branch branch = forget(branchId);
            if (branch == null) {
                return;
            }
            for (Held send : branch.sends) {
                NavigableMap<Long, Integer> level = references.get(send.queueId()).get(send.priority());
                if (referenceLevel(send.queueId(), send.messageId()) != null) {
                    throw new IllegalStateException("queue " + send.queueId() + " holds message "
                            + send.messageId() + " already");
                }
                level.put(send.messageId(), 0);
                undo.add(() -> level.remove(send.messageId()));
            }
            for (Held acknowledged : branch.acknowledged) {
                release(acknowledged.messageId());
            }
            for (StoredDuplicate duplicate : branch.duplicates.values()) {
                addDuplicate(duplicate);
            }
        }

        /** Acknowledged references return with their delivery counts, sent messages go, duplicate IDs are forgotten. */
        private void rollbackBranch(long branchId) {
            Branch branch = forget(branchId);
            if (branch == null) {
                return;
            }
            for (Held acknowledged : branch.acknowledged) {
                NavigableMap<Long, Integer> level = references.get(acknowledged.queueId())
                        .get(acknowledged.priority());
                if (referenceLevel(acknowledged.queueId(), acknowledged.messageId()) != null) {
                    throw new IllegalStateException("queue " + acknowledged.queueId() + " holds message "
                            + acknowledged.messageId() + " already");
                }
                level.put(acknowledged.messageId(), acknowledged.deliveryCount());
                undo.add(() -> level.remove(acknowledged.messageId()));
            }
            for (Held send : branch.sends) {
                release(send.messageId());
            }
        }

        /** Removes a branch (null if it is not stored), to be put back whole if the unit is undone. */
        private Branch forget(long branchId) {
            Branch branch = branches.remove(branchId);
            if (branch != null) {
                undo.add(() -> branches.put(branchId, branch));
            }
            return branch;
        }

        /** Drops the prepared references to a queue that goes, as a reference of the queue would go. */
        private void dropPreparedReferences(long queueId) {
            for (Branch branch : branches.values()) {
                for (List<Held> held : List.of(branch.sends, branch.acknowledged)) {
                    for (Held reference : List.copyOf(held)) {
                        if (reference.queueId() == queueId) {
                            int index = held.indexOf(reference);
                            held.remove(index);
                            undo.add(() -> held.add(index, reference));
                            release(reference.messageId());
                        }
                    }
                }
            }
        }

        /** A held reference lets go of its message: counted down, removed when no reference is left. */
        private void release(long messageId) {
            hold(messageId, -1);
            countDown(messageId);
            removeIfReleased(messageId);
        }

        private void keep(List<Held> held, Held reference) {
            held.add(reference);
            undo.add(() -> held.remove(held.size() - 1));
        }

        private NavigableMap<Long, Integer> referenceLevel(long queueId, long messageId) {
            List<NavigableMap<Long, Integer>> levels = references.get(queueId);
            if (levels != null) {
                for (NavigableMap<Long, Integer> level : levels) {
                    if (level.containsKey(messageId)) {
                        return level;
                    }
                }
            }
            return null;
        }

        /** Counts the references holding a message up or down by {@code change}, undone with the unit. */
        private void hold(long messageId, int change) {
            holders.merge(messageId, change, (a, b) -> a + b == 0 ? null : a + b);
            undo.add(() -> holders.merge(messageId, -change, (a, b) -> a + b == 0 ? null : a + b));
        }

        private static void checkPriority(int priority, String row) {
            if (priority < 0 || priority >= PRIORITIES) {
                throw new IllegalStateException(row + " has priority " + priority + ", not 0-9");
            }
        }
    }
}
