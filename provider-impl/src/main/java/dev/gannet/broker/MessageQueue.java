package dev.gannet.broker;

import dev.gannet.api.DestinationSettings;
import dev.gannet.api.DestinationStatistics;
import dev.gannet.message.GannetDestination;
import dev.gannet.selector.Selector;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Messages waiting for consumers, in delivery order: higher priority first, FIFO within a priority. A JMS queue
 * is one of these; so is every topic subscription. Dispatch is serialised by this queue's own lock, so queues
 * never wait for each other. A durable queue keeps its backlog in heap while the broker's {@link MemoryBudget} (and
 * its own memory window, if it has one) allows; its {@link PagingCursor} reads the rest from the store (see there).
 */
final class MessageQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MessageQueue.class);
    private static final int PRIORITIES = 10;
    /**
     * Heap a waiting reference costs beyond its encoded message: the {@link ServerMessage} (about 72 bytes), the
     * array header of its encoding (16), the {@link MessageRef} (about 40), its slot in a level (8), its origin (24)
     * and what paging adds while the reference is uncommitted, rounded up. It counts toward the memory window and
     * the broker's {@link MemoryBudget}.
     */
    private static final int REFERENCE_OVERHEAD = 256;
    /** How long a queue waits before it reads its stored backlog again after a read failed. */
    private static final long READ_RETRY_MILLIS = 1000;
    private static final Comparator<MessageRef> BY_ARRIVAL = Comparator.comparingLong(ref -> ref.arrival);

    final long id;
    final String name;
    /** Whether references to persistent messages are kept in the store. */
    final boolean durable;
    /** The queue or topic this queue serves: what dead-lettered messages name as their origin. */
    final GannetDestination destination;
    final DestinationSettings settings;
    private final QueueServices services;
    private final Object lock = new Object();
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<MessageRef>[] pending = new ArrayDeque[PRIORITIES]; // guarded by lock
    private final List<ServerConsumer> consumers = new ArrayList<>(); // guarded by lock
    private int nextConsumer; // guarded by lock; round-robin start
    /** Numbers references in the order this queue received them; each level of {@code pending} is in this order. */
    private long arrivals; // guarded by lock
    /** Which consumer owns which message group (JMSXGroupID) while it lives. */
    private final Map<String, ServerConsumer> groupOwners = new HashMap<>(); // guarded by lock
    /** Set under lock; read without it only where a reference never reaches the store ({@link #admit}). */
    private volatile boolean deleted;
    /** Whether management paused delivery: consumers get nothing until resumed. Lasts as long as the broker runs. */
    private boolean paused; // guarded by lock

    /** Heap the references waiting in {@code pending} take, for the memory window; held and released in the budget. */
    private long memoryBytes; // guarded by lock
    private final PagingCursor paging; // guarded by lock
    /** Paged references whose writes committed while a read of the stored backlog ran. */
    private List<MessageRef> committedDuringRead = new ArrayList<>(); // guarded by lock

    /** Every message this queue holds, wherever it is (memory, store, in flight, delayed): for the limits. */
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Object space = new Object();
    private final QueueCounters counters = new QueueCounters();

    MessageQueue(long id, String name, boolean durable, GannetDestination destination, DestinationSettings settings,
                 QueueServices services) {
        this.services = services;
        this.id = id;
        this.name = name;
        this.durable = durable;
        this.destination = destination;
        this.settings = settings;
        this.paging = new PagingCursor(id, name, settings.memoryWindowBytes(), services.memory(), services.store());
        for (int i = 0; i < PRIORITIES; i++) {
            pending[i] = new ArrayDeque<>();
        }
    }

    /** Whether this queue holds {@code message} in the store. */
    boolean storesReferenceTo(ServerMessage message) {
        return durable && message.persistent;
    }

    /**
     * Starts with a stored backlog, all of it paged: {@code counts} per priority. Their bytes are not known until
     * they are read, so the byte limit does not see a recovered backlog.
     */
    void recovered(long[] counts) {
        synchronized (lock) {
            for (int p = 0; p < PRIORITIES; p++) {
                depth.addAndGet(counts[p]);
            }
            paging.recovered(counts);
            maybeRead();
        }
    }

    /**
     * At start: {@code ref}, a stored reference of this queue, is consumed by a prepared XA branch. It counts toward
     * the limits but waits nowhere, delivered to no one, until the branch commits ({@link #consumed}) or rolls back
     * (it returns: {@link #returnsPaged}, {@link #putBack}).
     */
    void restoreLocked(MessageRef ref) {
        depth.incrementAndGet();
        bytes.addAndGet(ref.message.encoded.length);
        synchronized (lock) {
            ref.state = MessageRef.RESTORED;
        }
    }

    /**
     * A reference a restored prepared XA branch held ({@link #restoreLocked}) returns, its store row back in the
     * backlog: answers true if it is paged again, to be read back with the rest of the backlog in order (and with
     * the delivery count stored by then); false if it is to be {@link #putBack put back} into memory, as every other
     * reference is.
     */
    boolean returnsPaged(MessageRef ref) {
        synchronized (lock) {
            if (ref.state == MessageRef.RESTORED && paging.returned(ref)) {
                ref.state = MessageRef.HELD;
                if (!deleted) {
                    maybeRead();
                }
                return true;
            }
            return false;
        }
    }

    /** Messages held, wherever they are. */
    long depth() {
        return depth.get();
    }

    long bytes() {
        return bytes.get();
    }

    /**
     * This queue's counters now; {@code duplicatesDropped} is 0 (duplicate detection counts those per destination).
     */
    DestinationStatistics statistics() {
        long delivered;
        int consumerCount;
        synchronized (lock) {
            delivered = counters.delivered;
            consumerCount = consumers.size();
        }
        return new DestinationStatistics(counters.enqueued.sum(), delivered, counters.acknowledged.sum(),
                counters.expired.sum(), counters.deadLettered.sum(), 0, depth.get(), bytes.get(), consumerCount);
    }

    // ---- routing

    /**
     * A reference was routed here and is about to be written: it counts toward the limits from now on, and while
     * the queue pages it is marked to live in the store only. Answers false, and counts nothing, if the queue was
     * deleted: it is gone from the {@link DestinationRegistry} by then, so the router looks its destination up again.
     */
    boolean admit(MessageRef ref) {
        if (storesReferenceTo(ref.message)) {
            synchronized (lock) {
                if (deleted) {
                    return false;
                }
                paging.admit(ref, memoryBytes);
            }
        } else if (deleted) { // the reference lives in memory only: it goes with the queue either way
            return false;
        }
        depth.incrementAndGet();
        bytes.addAndGet(ref.message.encoded.length);
        counters.enqueued.increment();
        return true;
    }

    /** The write of an admitted reference failed: it never arrives. */
    void abandon(MessageRef ref) {
        released(ref);
        counters.enqueued.decrement();
        synchronized (lock) {
            paging.abandon(ref);
        }
    }

    /**
     * A consumer's acknowledgement or a committed transaction consumed {@code ref}: adds to {@code operations} what
     * removes it from the store, frees its room in the queue and counts it acknowledged.
     */
    void forget(MessageRef ref, List<StoreOperation> operations) {
        removalOf(ref, operations);
        consumed(ref);
    }

    /** {@code ref} expired: its removal from the store goes to {@code operations}; it is released and counted. */
    void removeExpired(MessageRef ref, List<StoreOperation> operations) {
        removalOf(ref, operations);
        released(ref);
        counters.expired.increment();
    }

    /**
     * {@code ref} failed its maximum of delivery attempts: its removal from the store goes to {@code operations}; it
     * is released and counted.
     */
    void removeDeadLettered(MessageRef ref, List<StoreOperation> operations) {
        removalOf(ref, operations);
        released(ref);
        counters.deadLettered.increment();
    }

    /** The removal of a consumed {@code ref} is written: it is {@link #released} and counted acknowledged. */
    void consumed(MessageRef ref) {
        released(ref);
        counters.acknowledged.increment();
    }

    /**
     * Adds to {@code operations} what removes a reference of this queue from the store; it keeps its room until
     * {@link #released} (a transaction releases it once its removal is written).
     */
    void removalOf(MessageRef ref, List<StoreOperation> operations) {
        if (storesReferenceTo(ref.message)) {
            operations.add(new StoreOperation.RemoveReference(id, ref.message.id));
            operations.add(ref.message.storedReferences > 1 ? new StoreOperation.ReleaseMessage(ref.message.id)
                    : new StoreOperation.RemoveMessage(ref.message.id));
        }
    }

    /** A reference left this queue for good (consumed, expired, dead-lettered, dropped): room for another. */
    void released(MessageRef ref) {
        depth.decrementAndGet();
        bytes.addAndGet(-ref.message.encoded.length);
        if (settings.maxDepth() > 0 || settings.maxBytes() > 0) {
            synchronized (space) {
                space.notifyAll();
            }
        }
    }

    /**
     * Waits until this queue has room for a message of {@code size} bytes under its depth and byte limits, or
     * answers false if it has none (at once under {@code FAIL}, after the block timeout under {@code BLOCK}).
     */
    boolean awaitSpace(int size) throws InterruptedException {
        if (hasSpace(size)) {
            return true;
        }
        if (settings.fullPolicy() == DestinationSettings.FullPolicy.FAIL) {
            return false;
        }
        long deadline = System.nanoTime() + settings.blockTimeoutMillis() * 1_000_000L;
        synchronized (space) {
            while (!hasSpace(size)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                space.wait(Math.max(1, left / 1_000_000L));
            }
        }
        return true;
    }

    private boolean hasSpace(int size) {
        return (settings.maxDepth() <= 0 || depth.get() < settings.maxDepth())
                && (settings.maxBytes() <= 0 || bytes.get() + size <= settings.maxBytes());
    }

    /** Adds a routed message once stored; held back until its delivery time if that lies ahead. */
    void add(MessageRef ref) {
        synchronized (lock) {
            if (ref.state == MessageRef.PAGED) {
                if (paging.isReading()) {
                    committedDuringRead.add(ref); // the running read may have met it or not: its end decides
                    return;
                }
                paging.committed(ref);
                maybeRead();
                return;
            }
            if (ref.state == MessageRef.READ) {
                return; // a page read took it already
            }
        }
        holdWhenDue(ref);
    }

    /**
     * After a read of the stored backlog ended: adds the references whose writes committed while it ran, as if they
     * had committed after it (the reader runs apart from the writer, so either order happens).
     */
    private void addCommittedDuringRead() {
        if (committedDuringRead.isEmpty()) {
            return;
        }
        List<MessageRef> committed = committedDuringRead;
        committedDuringRead = new ArrayList<>();
        for (MessageRef ref : committed) {
            if (ref.state == MessageRef.PAGED) {
                paging.committed(ref);
            } else if (ref.state == MessageRef.HELD) {
                holdWhenDue(ref); // the read passed it: held in memory
            } // READ: the read returned it, and it is held
        }
    }

    private void holdWhenDue(MessageRef ref) {
        long delay = ref.message.deliveryTime - System.currentTimeMillis();
        if (delay > 0) {
            services.scheduler().schedule(() -> hold(ref), delay);
            return;
        }
        hold(ref);
    }

    private void hold(MessageRef ref) {
        synchronized (lock) {
            if (deleted) {
                return;
            }
            arrived(ref);
            dispatch();
        }
    }

    /** Holds a reference that reaches this queue for the first time, behind everything of its priority. */
    private void arrived(MessageRef ref) {
        ref.arrival = ++arrivals;
        pending[ref.message.priority].addLast(ref);
        held(ref);
    }

    private static long sizeOf(MessageRef ref) {
        return ref.message.encoded.length + REFERENCE_OVERHEAD;
    }

    /** {@code ref} waits in memory now: its heap counts toward the window and the budget. */
    private void held(MessageRef ref) {
        long size = sizeOf(ref);
        memoryBytes += size;
        services.memory().hold(size);
    }

    /** {@code ref} no longer waits in memory (delivered, expired, taken by management). */
    private void left(MessageRef ref) {
        long size = sizeOf(ref);
        memoryBytes -= size;
        services.memory().release(size);
    }

    /**
     * Puts references back that were delivered but not consumed (closed consumer, stopped connection, recover,
     * rollback) where they were: by priority, then in the order this queue received them, as if they had never
     * left. A reference a scan ahead delivered straight from the store never waited here; it goes behind what waits.
     * One a restored prepared XA branch held ({@link #restoreLocked}) goes among the waiting ones by message id (the
     * order they were sent in), unless it is paged again.
     */
    void putBack(List<MessageRef> refs) {
        synchronized (lock) {
            if (deleted) {
                return;
            }
            List<List<MessageRef>> byPriority = new ArrayList<>(PRIORITIES);
            for (int p = 0; p < PRIORITIES; p++) {
                byPriority.add(new ArrayList<>());
            }
            for (MessageRef ref : refs) {
                if (ref.state == MessageRef.RESTORED) {
                    ref.state = MessageRef.HELD;
                    if (!paging.returned(ref)) {
                        holdByMessageId(ref);
                    }
                    continue;
                }
                if (ref.arrival == 0) {
                    ref.arrival = ++arrivals;
                }
                byPriority.get(ref.message.priority).add(ref);
                held(ref);
            }
            for (int p = 0; p < PRIORITIES; p++) {
                List<MessageRef> returned = byPriority.get(p);
                if (!returned.isEmpty()) {
                    returned.sort(BY_ARRIVAL);
                    pending[p] = merge(pending[p], returned);
                }
            }
            dispatch();
        }
    }

    /**
     * Holds a reference the queue never held since start before the first waiting one of its priority with a higher
     * message id, sharing that one's arrival (the level stays in arrival order).
     */
    private void holdByMessageId(MessageRef ref) {
        int p = ref.message.priority;
        ArrayDeque<MessageRef> placed = new ArrayDeque<>(pending[p].size() + 1);
        for (MessageRef waiting : pending[p]) {
            if (ref.arrival == 0 && waiting.message.id > ref.message.id) {
                ref.arrival = waiting.arrival;
                placed.addLast(ref);
            }
            placed.addLast(waiting);
        }
        if (ref.arrival == 0) {
            ref.arrival = ++arrivals;
            placed.addLast(ref);
        }
        pending[p] = placed;
        held(ref);
    }

    /**
     * {@code waiting} and {@code returned} (each in arrival order) as one level in arrival order. The usual case,
     * everything returned older than everything waiting, costs only the returned references.
     */
    private static ArrayDeque<MessageRef> merge(ArrayDeque<MessageRef> waiting, List<MessageRef> returned) {
        MessageRef first = waiting.peekFirst();
        if (first == null || returned.get(returned.size() - 1).arrival < first.arrival) {
            for (int i = returned.size() - 1; i >= 0; i--) {
                waiting.addFirst(returned.get(i));
            }
            return waiting;
        }
        ArrayDeque<MessageRef> merged = new ArrayDeque<>(waiting.size() + returned.size());
        int next = 0;
        for (MessageRef ref : waiting) {
            while (next < returned.size() && returned.get(next).arrival < ref.arrival) {
                merged.addLast(returned.get(next++));
            }
            merged.addLast(ref);
        }
        while (next < returned.size()) {
            merged.addLast(returned.get(next++));
        }
        return merged;
    }

    /**
     * Attaches a consumer; answers false if the queue was deleted (it is gone from the {@link DestinationRegistry}
     * by then: the consumer looks its destination up again).
     */
    boolean addConsumer(ServerConsumer consumer) {
        synchronized (lock) {
            if (deleted) {
                return false;
            }
            consumers.add(consumer);
            paging.consumerAdded();
            dispatch();
            return true;
        }
    }

    /** Removes a consumer; the message groups it owned go to other consumers from their next message on. */
    void removeConsumer(ServerConsumer consumer) {
        synchronized (lock) {
            consumers.remove(consumer);
            groupOwners.values().removeIf(owner -> owner == consumer);
        }
    }

    int consumerCount() {
        synchronized (lock) {
            return consumers.size();
        }
    }

    /** A consumer got credit back; hand it what it may take now. */
    void creditChanged() {
        synchronized (lock) {
            dispatch();
        }
    }

    /**
     * Deletes this queue ({@link #delete}) unless it has consumers, in one step as seen by {@link #addConsumer} and
     * {@link #admit}; answers how many consumers it has, 0 if it is deleted now.
     */
    int deleteUnlessConsumed() {
        synchronized (lock) {
            if (!consumers.isEmpty()) {
                return consumers.size();
            }
            delete();
            return 0;
        }
    }

    /** Drops every message and refuses further ones; answers the store operations that forget the references. */
    List<StoreOperation> delete() {
        List<StoreOperation> operations = new ArrayList<>();
        synchronized (lock) {
            deleted = true;
            for (ArrayDeque<MessageRef> level : pending) {
                for (MessageRef ref : level) {
                    removalOf(ref, operations);
                    released(ref);
                }
                level.clear();
            }
            services.memory().release(memoryBytes);
            memoryBytes = 0;
        }
        return operations;
    }

    /**
     * Takes expired messages that wait in memory out of this queue and answers them; paged ones expire when they are
     * read.
     */
    List<MessageRef> expire(long now) {
        List<MessageRef> expired = new ArrayList<>();
        synchronized (lock) {
            for (ArrayDeque<MessageRef> level : pending) {
                Iterator<MessageRef> it = level.iterator();
                while (it.hasNext()) {
                    MessageRef ref = it.next();
                    if (ref.message.isExpired(now)) {
                        it.remove();
                        left(ref);
                        expired.add(ref);
                    }
                }
            }
        }
        return expired;
    }

    /**
     * Begins a browser's walk through this queue (null selector: everything): it sees, in delivery order, what the
     * queue holds in memory now and then its stored backlog, which it reads a page at a time.
     */
    QueueBrowsing browse(Selector selector) {
        List<List<MessageRef>> held = new ArrayList<>(PRIORITIES);
        long[] after = new long[PRIORITIES];
        Set<Long> takenAhead = new HashSet<>();
        synchronized (lock) {
            for (int priority = 0; priority < PRIORITIES; priority++) {
                held.add(new ArrayList<>(pending[priority]));
                after[priority] = paging.browseFrom(priority);
            }
            paging.addTakenAhead(takenAhead);
        }
        return new QueueBrowsing(this, selector, held, after, takenAhead);
    }

    /** Reads up to {@code limit} stored messages of {@code priority} after {@code afterId}, waiting for the rows. */
    List<PagedMessage> readStored(int priority, long afterId, int limit) {
        return paging.read(priority, afterId, limit);
    }

    /**
     * Hands waiting messages to consumers with credit, round-robin, in delivery order. A message no consumer
     * accepts (by selector) stays where it is; expired ones are dropped on the way.
     */
    private void dispatch() {
        if (consumers.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<MessageRef> expired = null;
        for (int priority = PRIORITIES - 1; priority >= 0 && anyConsumerHasCredit(); priority--) {
            if (priority < PRIORITIES - 1 && paging.readable(priority + 1)) {
                break; // a higher priority waits in the store: read it before going on
            }
            Iterator<MessageRef> it = pending[priority].iterator();
            while (it.hasNext()) {
                MessageRef ref = it.next();
                if (ref.message.isExpired(now)) {
                    it.remove();
                    left(ref);
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    expired.add(ref);
                    continue;
                }
                ServerConsumer consumer = consumerFor(ref);
                if (consumer != null && consumer.deliver(ref)) {
                    it.remove();
                    left(ref);
                    counters.delivered++;
                    if (!anyConsumerHasCredit()) {
                        break;
                    }
                }
            }
        }
        if (expired != null) {
            services.expired().add(expired);
        }
        maybeRead();
    }

    // ---- management

    /** Stops dispatch to consumers until {@link #resume}; what they hold stays theirs, messages keep arriving. */
    void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Dispatches again after {@link #pause}. */
    void resume() {
        synchronized (lock) {
            paused = false;
            if (!deleted) {
                dispatch();
            }
        }
    }

    boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Heap the references waiting in memory take (the memory window's use). */
    long memoryBytes() {
        synchronized (lock) {
            return memoryBytes;
        }
    }

    /** Messages that live only in the store now, beyond the memory window. */
    long pagedCount() {
        synchronized (lock) {
            return paging.pagedCount();
        }
    }

    /**
     * The first waiting message of each priority: the head of its level in memory, else the first of its stored
     * backlog (read from the store, outside the lock); what {@code oldest message age} looks at.
     */
    List<ServerMessage> firstWaiting() {
        List<ServerMessage> first = new ArrayList<>();
        long[] stored = new long[PRIORITIES];
        synchronized (lock) {
            for (int p = 0; p < PRIORITIES; p++) {
                MessageRef head = pending[p].peekFirst();
                if (head != null) {
                    first.add(head.message);
                }
                stored[p] = head != null ? Long.MAX_VALUE : paging.browseFrom(p);
            }
        }
        for (int p = 0; p < PRIORITIES; p++) {
            if (stored[p] != Long.MAX_VALUE) {
                readStored(p, stored[p], 1).forEach(row -> first.add(ServerMessage.recovered(row.message())));
            }
        }
        return first;
    }

    /**
     * Takes out of memory up to {@code max} waiting, unexpired references that {@code wanted} selects, in delivery
     * order, for management to remove or move ({@link QueueSweep}). They still count toward the limits until
     * {@link #consumed} (their removal is written) or {@link #returnTaken}.
     */
    List<MessageRef> takeHeld(Predicate<ServerMessage> wanted, int max) {
        List<MessageRef> taken = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (lock) {
            if (deleted) {
                return taken;
            }
            for (int p = PRIORITIES - 1; p >= 0 && taken.size() < max; p--) {
                Iterator<MessageRef> it = pending[p].iterator();
                while (it.hasNext() && taken.size() < max) {
                    MessageRef ref = it.next();
                    if (!ref.message.isExpired(now) && wanted.test(ref.message)) {
                        it.remove();
                        left(ref);
                        taken.add(ref);
                    }
                }
            }
        }
        return taken;
    }

    /**
     * Per priority, the id past which the store holds the paged backlog, {@link Long#MAX_VALUE} where nothing is
     * paged: where a {@link QueueSweep} reads the store from.
     */
    long[] storedFrom() {
        long[] from = new long[PRIORITIES];
        synchronized (lock) {
            for (int p = 0; p < PRIORITIES; p++) {
                from[p] = paging.browseFrom(p);
            }
        }
        return from;
    }

    /**
     * Takes the references {@code candidates} of stored messages of {@code priority} that are still paged (see
     * {@link PagingCursor#take}) and answers them; the others the queue holds otherwise by now.
     */
    List<MessageRef> takePaged(int priority, List<MessageRef> candidates) {
        List<MessageRef> taken = new ArrayList<>(candidates.size());
        synchronized (lock) {
            if (deleted) {
                return taken;
            }
            for (MessageRef ref : candidates) {
                if (paging.take(priority, ref.message.id)) {
                    taken.add(ref);
                }
            }
        }
        return taken;
    }

    /**
     * References management took ({@link #takeHeld}, {@link #takePaged}) stay after all (their removal was not
     * written, or they had nowhere to go): paged ones are paged again if the cursor has not passed them, the others
     * are put back in memory.
     */
    void returnTaken(List<MessageRef> refs) {
        List<MessageRef> held = new ArrayList<>(refs.size());
        synchronized (lock) {
            for (MessageRef ref : refs) {
                if (!paging.untake(ref)) {
                    held.add(ref);
                }
            }
            if (!deleted) {
                maybeRead();
            }
        }
        putBack(held);
    }

    // ---- paging

    /** Starts the read of the stored backlog its paging cursor asks for, if any; its completion looks again. */
    private void maybeRead() {
        if (deleted) {
            return;
        }
        PagingCursor.PageRead read = paging.nextRead(memoryBytes, p -> !pending[p].isEmpty(),
                this::anyConsumerHasCredit);
        if (read == null) {
            return;
        }
        paging.run(read).whenComplete((rows, failure) -> {
            synchronized (lock) {
                paging.readFinished();
                if (failure != null) {
                    LOG.error("Queue {}: reading its stored backlog failed; trying again in {} ms", name,
                            READ_RETRY_MILLIS, failure);
                    addCommittedDuringRead();
                    services.scheduler().schedule(this::readAgain, READ_RETRY_MILLIS);
                    return;
                }
                if (deleted) {
                    committedDuringRead.clear();
                    return;
                }
                if (read.scan()) {
                    scanned(read.priority(), rows);
                } else {
                    pagedIn(read, rows);
                }
                addCommittedDuringRead();
                dispatch();
            }
        });
    }

    /** After a failed read of the stored backlog: reads again, if the queue still pages. */
    private void readAgain() {
        synchronized (lock) {
            maybeRead();
        }
    }

    /** Holds what a page read returned (a scan ahead has not delivered). */
    private void pagedIn(PagingCursor.PageRead read, List<PagedMessage> rows) {
        long now = System.currentTimeMillis();
        for (PagedMessage row : paging.pagedIn(read, rows)) {
            MessageRef ref = new MessageRef(ServerMessage.recovered(row.message()), this, row.deliveryCount());
            if (row.message().deliveryTime() > now) {
                services.scheduler().schedule(() -> hold(ref), row.message().deliveryTime() - now);
            } else {
                arrived(ref);
            }
        }
    }

    /** Delivers what a scan ahead found that a consumer accepts; the rest of it is not kept. */
    private void scanned(int p, List<PagedMessage> rows) {
        if (rows.isEmpty()) {
            paging.scanEnded(p);
            return;
        }
        long now = System.currentTimeMillis();
        for (PagedMessage row : rows) {
            if (!anyConsumerHasCredit()) {
                return; // the next scan goes on from here
            }
            if (!paging.scanReached(p, row, now)) {
                continue;
            }
            MessageRef ref = new MessageRef(ServerMessage.recovered(row.message()), this, row.deliveryCount());
            ServerConsumer consumer = consumerFor(ref);
            if (consumer != null && consumer.deliver(ref)) {
                counters.delivered++;
                paging.takenAhead(p, row.message().id());
            }
        }
    }

    private boolean anyConsumerHasCredit() {
        if (paused) {
            return false;
        }
        for (ServerConsumer consumer : consumers) {
            if (consumer.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The consumer that gets {@code ref} now, or null. A grouped message goes only to its group's owner; a group
     * without owner is given to the next consumer that takes the message.
     */
    private ServerConsumer consumerFor(MessageRef ref) {
        String group = ref.message.groupId;
        if (group != null) {
            ServerConsumer owner = groupOwners.get(group);
            if (owner != null) {
                return owner.hasCredit() && owner.accepts(ref.message) ? owner : null;
            }
        }
        ServerConsumer chosen = nextConsumerFor(ref);
        if (chosen != null && group != null) {
            groupOwners.put(group, chosen);
        }
        return chosen;
    }

    private ServerConsumer nextConsumerFor(MessageRef ref) {
        int count = consumers.size();
        for (int i = 0; i < count; i++) {
            ServerConsumer candidate = consumers.get((nextConsumer + i) % count);
            if (candidate.hasCredit() && candidate.accepts(ref.message)) {
                nextConsumer = (nextConsumer + i + 1) % count;
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
