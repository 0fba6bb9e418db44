package dev.gannet.store.memory;

import dev.gannet.store.MessageStore;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.RecoveredState;
import dev.gannet.store.StoreException;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredDuplicate;
import dev.gannet.store.StoredMessage;
import dev.gannet.store.StoredQueue;

import java.util.ArrayList;
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

/**
 * {@link MessageStore} in the heap, for tests and for brokers whose persistent messages may be lost: what it holds
 * lives as long as the instance, so a broker restarted on a new one starts empty. It keeps the rules of the JDBC
 * store's schema (keys, references only to stored queues and messages, priorities 0-9, counts not negative) and
 * applies a unit as the JDBC store does: queue changes first, in order, then message inserts, updates and deletes;
 * a unit that breaks a rule fails alone and leaves nothing behind. Everything runs in order on the store's one
 * thread, which completes the futures, as the JDBC store's writer does.
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
        return new RecoveredState(stored, counts, List.copyOf(duplicates.values()), maxMessageId, maxQueueId,
                quarantined, List.of());
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
                    StoredDuplicate removed = duplicates.remove(remove.sequence());
                    if (removed != null) {
                        undo.add(() -> duplicates.put(removed.sequence(), removed));
                    }
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
                    hold(messageId, -1);
                    countDown(messageId);
                    removeIfReleased(messageId);
                }
            }
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
            if (duplicates.putIfAbsent(duplicate.sequence(), duplicate) != null) {
                throw new IllegalStateException("duplicate ID record " + duplicate.sequence() + " is stored already");
            }
            undo.add(() -> duplicates.remove(duplicate.sequence()));
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
