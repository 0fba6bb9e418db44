package dev.gannet.broker;

import dev.gannet.api.DestinationSettings;
import dev.gannet.message.GannetDestination;
import dev.gannet.store.PagedMessage;
import dev.gannet.store.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages waiting for consumers, in delivery order: higher priority first, FIFO within a priority. A JMS queue
 * is one of these; so is every topic subscription. Dispatch is serialised by this queue's own lock, so queues
 * never wait for each other.
 *
 * <h2>Paging</h2>
 * A durable queue keeps at most {@link DestinationSettings#memoryWindowBytes()} of its backlog in heap. Once the
 * window is full the queue pages: persistent messages routed to it from then on live only in the store, and are
 * read back ({@link dev.gannet.store.MessageStore#page}), highest priority first, whenever the window has drained
 * below half. Per priority, {@code cursor} is the highest message id held in memory by paging; the invariant is
 * that every stored reference of this queue with an id above the cursor is paged ({@code paged} counts them),
 * while every other one is in memory, in flight, or waiting for its delivery time. A reference whose store write
 * has not committed yet is {@code uncommitted} until {@link #add} sees it; a page read cannot see it, so when the
 * read moves the cursor past it, it is switched back to be held in memory.
 *
 * <p>A consumer whose selector matches nothing in a full window makes the queue <em>scan ahead</em>: paged
 * messages are read past the cursor and those a consumer accepts are delivered at once. Their ids are remembered
 * ({@code takenAhead}) so that the ordinary page-in skips them. Nothing else of a scan stays in memory.
 */
final class MessageQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MessageQueue.class);
    private static final int PRIORITIES = 10;
    /** Heap a reference costs beyond its encoded message, roughly; counts toward the memory window. */
    private static final int REFERENCE_OVERHEAD = 200;
    private static final int MAX_PAGE = 2000;
    private static final int MIN_PAGE = 50;
    private static final Comparator<MessageRef> BY_ARRIVAL = Comparator.comparingLong(ref -> ref.arrival);

    final long id;
    final String name;
    /** Whether references to persistent messages are kept in the store. */
    final boolean durable;
    /** The queue or topic this queue serves: what dead-lettered messages name as their origin. */
    final GannetDestination destination;
    final DestinationSettings settings;
    private final Broker broker;
    private final Object lock = new Object();
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<MessageRef>[] pending = new ArrayDeque[PRIORITIES]; // guarded by lock
    private final List<ServerConsumer> consumers = new ArrayList<>(); // guarded by lock
    private int nextConsumer; // guarded by lock; round-robin start
    /** Numbers references in the order this queue received them; each level of {@code pending} is in this order. */
    private long arrivals; // guarded by lock
    /** Which consumer owns which message group (JMSXGroupID) while it lives. */
    private final Map<String, ServerConsumer> groupOwners = new HashMap<>(); // guarded by lock
    private boolean deleted; // guarded by lock

    // Paging state, guarded by lock (see the class comment).
    private long memoryBytes;
    private boolean paging;
    private boolean reading;
    private final boolean[] scanned = new boolean[PRIORITIES]; // scanned to the end since the last arrival
    private long highestId;
    private final long[] cursor = new long[PRIORITIES];
    private final long[] scanCursor = new long[PRIORITIES];
    private final long[] paged = new long[PRIORITIES];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final TreeMap<Long, MessageRef>[] uncommitted = new TreeMap[PRIORITIES];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final TreeSet<Long>[] takenAhead = new TreeSet[PRIORITIES];

    /** Every message this queue holds, wherever it is (memory, store, in flight, delayed): for the limits. */
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Object space = new Object();

    MessageQueue(Broker broker, long id, String name, boolean durable, GannetDestination destination,
                 DestinationSettings settings) {
        this.broker = broker;
        this.id = id;
        this.name = name;
        this.durable = durable;
        this.destination = destination;
        this.settings = settings;
        for (int i = 0; i < PRIORITIES; i++) {
            pending[i] = new ArrayDeque<>();
            uncommitted[i] = new TreeMap<>();
            takenAhead[i] = new TreeSet<>();
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
                paged[p] = counts[p];
                depth.addAndGet(counts[p]);
            }
            paging = true;
            maybeRead();
        }
    }

    /** Messages held, wherever they are. */
    long depth() {
        return depth.get();
    }

    long bytes() {
        return bytes.get();
    }

    // ---- routing

    /**
     * A reference was routed here and is about to be written: it counts toward the limits from now on, and while
     * the queue pages it is marked to live in the store only.
     */
    void admit(MessageRef ref) {
        depth.incrementAndGet();
        bytes.addAndGet(ref.message.encoded.length);
        if (!storesReferenceTo(ref.message)) {
            return;
        }
        long messageId = ref.message.id;
        int p = ref.message.priority;
        synchronized (lock) {
            if (!paging && memoryBytes >= settings.memoryWindowBytes()) {
                paging = true;
                for (int i = 0; i < PRIORITIES; i++) {
                    cursor[i] = Math.max(cursor[i], highestId);
                }
                LOG.debug("Queue {} pages: {} bytes in memory", name, memoryBytes);
            }
            if (paging && messageId > cursor[p]) {
                ref.state = MessageRef.PAGED;
                uncommitted[p].put(messageId, ref);
                paged[p]++;
            }
            highestId = Math.max(highestId, messageId);
        }
    }

    /** The write of an admitted reference failed: it never arrives. */
    void abandon(MessageRef ref) {
        released(ref);
        synchronized (lock) {
            if (ref.state == MessageRef.PAGED && uncommitted[ref.message.priority].remove(ref.message.id) != null) {
                paged[ref.message.priority]--;
            }
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
                uncommitted[ref.message.priority].remove(ref.message.id);
                scanned[ref.message.priority] = false;
                maybeRead();
                return;
            }
            if (ref.state == MessageRef.READ) {
                return; // a page read took it already
            }
        }
        long delay = ref.message.deliveryTime - System.currentTimeMillis();
        if (delay > 0) {
            broker.schedule(() -> hold(ref), delay);
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
        memoryBytes += sizeOf(ref);
    }

    private static long sizeOf(MessageRef ref) {
        return ref.message.encoded.length + REFERENCE_OVERHEAD;
    }

    /**
     * Puts references back that were delivered but not consumed (closed consumer, stopped connection, recover,
     * rollback) where they were: by priority, then in the order this queue received them, as if they had never
     * left. A reference a scan ahead delivered straight from the store never waited here; it goes behind what waits.
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
                if (ref.arrival == 0) {
                    ref.arrival = ++arrivals;
                }
                byPriority.get(ref.message.priority).add(ref);
                memoryBytes += sizeOf(ref);
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

    void addConsumer(ServerConsumer consumer) {
        synchronized (lock) {
            consumers.add(consumer);
            Arrays.fill(scanned, false);
            dispatch();
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

    /** Drops every message and refuses further ones; answers the store operations that forget the references. */
    List<StoreOperation> delete() {
        List<StoreOperation> operations = new ArrayList<>();
        synchronized (lock) {
            deleted = true;
            for (ArrayDeque<MessageRef> level : pending) {
                for (MessageRef ref : level) {
                    broker.forget(ref, operations);
                }
                level.clear();
            }
            memoryBytes = 0;
        }
        return operations;
    }

    /** Removes expired messages that wait in memory; paged ones expire when they are read. */
    void expire(long now) {
        List<MessageRef> expired = new ArrayList<>();
        synchronized (lock) {
            for (ArrayDeque<MessageRef> level : pending) {
                Iterator<MessageRef> it = level.iterator();
                while (it.hasNext()) {
                    MessageRef ref = it.next();
                    if (ref.message.isExpired(now)) {
                        it.remove();
                        memoryBytes -= sizeOf(ref);
                        expired.add(ref);
                    }
                }
            }
        }
        broker.expired(expired);
    }

    /**
     * The messages a browser would see now, in delivery order: those in memory, then, per priority, those in the
     * store past the cursor.
     */
    List<MessageRef> snapshot() {
        long now = System.currentTimeMillis();
        List<List<MessageRef>> levels = new ArrayList<>();
        long[] from = new long[PRIORITIES];
        Set<Long> skip = new HashSet<>();
        synchronized (lock) {
            for (int priority = PRIORITIES - 1; priority >= 0; priority--) {
                levels.add(new ArrayList<>(pending[priority]));
                from[priority] = paged[priority] > 0 ? cursor[priority] : Long.MAX_VALUE;
                skip.addAll(takenAhead[priority]);
            }
        }
        List<MessageRef> refs = new ArrayList<>();
        for (int priority = PRIORITIES - 1; priority >= 0; priority--) {
            refs.addAll(levels.get(PRIORITIES - 1 - priority));
            if (from[priority] != Long.MAX_VALUE) {
                for (PagedMessage row : broker.readPage(this, priority, from[priority], Integer.MAX_VALUE)) {
                    if (!skip.contains(row.message().id())) {
                        refs.add(new MessageRef(ServerMessage.recovered(row.message()), this, row.deliveryCount()));
                    }
                }
            }
        }
        refs.removeIf(ref -> ref.message.isExpired(now));
        return refs;
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
            if (priority < PRIORITIES - 1 && readable(priority + 1)) {
                break; // a higher priority waits in the store: read it before going on
            }
            Iterator<MessageRef> it = pending[priority].iterator();
            while (it.hasNext()) {
                MessageRef ref = it.next();
                if (ref.message.isExpired(now)) {
                    it.remove();
                    memoryBytes -= sizeOf(ref);
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    expired.add(ref);
                    continue;
                }
                ServerConsumer consumer = consumerFor(ref);
                if (consumer != null && consumer.deliver(ref)) {
                    it.remove();
                    memoryBytes -= sizeOf(ref);
                    if (!anyConsumerHasCredit()) {
                        break;
                    }
                }
            }
        }
        if (expired != null) {
            broker.expired(expired);
        }
        maybeRead();
    }

    // ---- paging

    /**
     * Starts a page read when the window drained below half, or a scan ahead when consumers with credit find
     * nothing they accept in a full window. One read at a time; its completion looks again.
     */
    private void maybeRead() {
        if (!paging || reading || deleted) {
            return;
        }
        long window = settings.memoryWindowBytes();
        int top = highestReadable();
        if (top < 0) {
            return;
        }
        boolean outranked = false;
        for (int p = top - 1; p >= 0 && !outranked; p--) {
            outranked = !pending[p].isEmpty();
        }
        if (memoryBytes < window / 2 || outranked && anyConsumerHasCredit()) {
            int limit = (int) Math.max(MIN_PAGE, Math.min(MAX_PAGE, (window - memoryBytes) / 1024));
            read(top, cursor[top], limit, false);
        } else if (anyConsumerHasCredit()) {
            for (int p = top; p >= 0; p--) {
                if (!scanned[p] && paged[p] > uncommitted[p].size()) {
                    read(p, Math.max(cursor[p], scanCursor[p]), MAX_PAGE, true);
                    return;
                }
            }
        }
    }

    /** The highest priority with committed paged messages to read, or -1. */
    private int highestReadable() {
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            if (paged[p] > uncommitted[p].size()) {
                return p;
            }
        }
        return -1;
    }

    /** Whether the store holds committed paged messages of {@code priority} or higher. */
    private boolean readable(int priority) {
        return paging && highestReadable() >= priority;
    }

    private void read(int priority, long after, int limit, boolean scan) {
        reading = true;
        broker.page(this, priority, after, limit).whenComplete((rows, failure) -> {
            synchronized (lock) {
                reading = false;
                if (failure != null) {
                    LOG.error("Queue {}: reading its stored backlog failed; will try again", name, failure);
                    return;
                }
                if (deleted) {
                    return;
                }
                if (scan) {
                    scanned(priority, rows);
                } else {
                    pagedIn(priority, rows);
                    if (rows.size() < limit) {
                        paged[priority] = uncommitted[priority].size(); // all committed ones are read
                        stopPagingIfDone();
                    }
                }
                dispatch();
            }
        });
    }

    /** Holds what a page read returned, moves the cursor, and keeps the invariant for what it passed. */
    private void pagedIn(int p, List<PagedMessage> rows) {
        long now = System.currentTimeMillis();
        for (PagedMessage row : rows) {
            long messageId = row.message().id();
            cursor[p] = messageId;
            highestId = Math.max(highestId, messageId);
            if (takenAhead[p].remove(messageId)) {
                continue; // a scan delivered it, and counted it
            }
            paged[p]--;
            MessageRef written = uncommitted[p].remove(messageId);
            if (written != null) {
                written.state = MessageRef.READ; // committed, but add() has not run yet
            }
            MessageRef ref = new MessageRef(ServerMessage.recovered(row.message()), this, row.deliveryCount());
            if (row.message().deliveryTime() > now) {
                broker.schedule(() -> hold(ref), row.message().deliveryTime() - now);
            } else {
                arrived(ref);
            }
        }
        // References written while the read ran, with ids below the new cursor, are held in memory instead.
        SortedMap<Long, MessageRef> passed = uncommitted[p].headMap(cursor[p]);
        for (MessageRef ref : passed.values()) {
            ref.state = MessageRef.HELD;
            paged[p]--;
        }
        passed.clear();
        // Taken ahead and consumed since: the read could not meet them any more.
        takenAhead[p].headSet(cursor[p], true).clear();
        stopPagingIfDone();
    }

    private void stopPagingIfDone() {
        for (int i = 0; i < PRIORITIES; i++) {
            if (paged[i] > 0) {
                return;
            }
        }
        paging = false;
        LOG.debug("Queue {} stopped paging", name);
    }

    /** Delivers what a scan ahead found that a consumer accepts; the rest of it is not kept. */
    private void scanned(int p, List<PagedMessage> rows) {
        if (rows.isEmpty()) {
            scanCursor[p] = cursor[p];
            scanned[p] = true;
            return;
        }
        long now = System.currentTimeMillis();
        for (PagedMessage row : rows) {
            if (!anyConsumerHasCredit()) {
                return; // the next scan goes on from here
            }
            long messageId = row.message().id();
            scanCursor[p] = messageId;
            if (takenAhead[p].contains(messageId) || uncommitted[p].containsKey(messageId)
                    || row.message().deliveryTime() > now || row.message().expiration() != 0
                    && row.message().expiration() <= now) {
                continue;
            }
            MessageRef ref = new MessageRef(ServerMessage.recovered(row.message()), this, row.deliveryCount());
            ServerConsumer consumer = consumerFor(ref);
            if (consumer != null && consumer.deliver(ref)) {
                takenAhead[p].add(messageId);
                paged[p]--;
            }
        }
    }

    private boolean anyConsumerHasCredit() {
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
