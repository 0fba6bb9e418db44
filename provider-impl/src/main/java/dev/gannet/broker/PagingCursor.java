package dev.gannet.broker;

import dev.gannet.store.PagedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * The paging cursor of one durable {@link MessageQueue} over its stored backlog. The queue keeps its backlog in heap
 * while the broker's {@link MemoryBudget} has room, and within its own memory window if it has one
 * ({@link dev.gannet.api.DestinationSettings#memoryWindowBytes()}). Once either is full the queue pages: persistent
 * messages routed to it from then on live only in the store, and are read back
 * ({@link dev.gannet.store.MessageStore#page}), highest priority first, whenever the budget is less than half used
 * (and the window, if any, has drained below half). A queue whose consumers have credit reads up to
 * {@link #READ_AHEAD_BYTES} back whatever the budget says, so that queues without consumers, holding the budget,
 * cannot starve it.
 * Per priority, {@code cursor} is the highest message id held in memory by paging; the invariant is that every
 * stored reference of the queue with an id above the cursor is paged ({@code paged} counts them), while every other
 * one is in memory, in flight, or waiting for its delivery time. A reference whose store write has not committed
 * yet is {@code uncommitted} until {@link MessageQueue#add} sees it; a page read cannot see it, so when the read
 * moves the cursor past it, it is switched back to be held in memory.
 *
 * <p>A consumer whose selector matches nothing the queue holds in memory makes it <em>scan ahead</em>: paged
 * messages are read past the cursor and those a consumer accepts are delivered at once. Their ids are remembered
 * ({@code takenAhead}) so that the ordinary page-in skips them. Nothing else of a scan stays in memory.
 *
 * <p>Not thread-safe: the queue calls it only under its own lock, which guards every field here.
 */
final class PagingCursor {

    private static final Logger LOG = LoggerFactory.getLogger(PagingCursor.class);
    private static final int PRIORITIES = 10;
    private static final int MAX_PAGE = 2000;
    private static final int MIN_PAGE = 50;
    /** What a queue whose consumers wait may hold read back even when the budget is used up. */
    static final long READ_AHEAD_BYTES = 4L << 20;

    /** A read of the stored backlog to run: a page-in, or a scan ahead. */
    record PageRead(int priority, long after, int limit, boolean scan) {
    }

    private final long queueId;
    private final String queueName;
    private final long window;
    private final MemoryBudget memory;
    private final StoreWriter store;
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

    /** @param window the queue's own memory window in bytes, -1 for none (only {@code memory} decides) */
    PagingCursor(long queueId, String queueName, long window, MemoryBudget memory, StoreWriter store) {
        this.queueId = queueId;
        this.queueName = queueName;
        this.window = window > 0 ? window : Long.MAX_VALUE;
        this.memory = memory;
        this.store = store;
        for (int i = 0; i < PRIORITIES; i++) {
            uncommitted[i] = new TreeMap<>();
            takenAhead[i] = new TreeSet<>();
        }
    }

    /** The queue starts with a stored backlog, all of it paged: {@code counts} per priority. */
    void recovered(long[] counts) {
        for (int p = 0; p < PRIORITIES; p++) {
            paged[p] = counts[p];
        }
        paging = true;
    }

    /**
     * A stored reference was routed to the queue, which holds {@code memoryBytes} in memory: paging starts if the
     * budget or the window is full, and while it pages the reference is marked to live in the store only.
     */
    void admit(MessageRef ref, long memoryBytes) {
        long messageId = ref.message.id;
        int p = ref.message.priority;
        if (!paging && (memoryBytes >= window || memory.isFull())) {
            paging = true;
            for (int i = 0; i < PRIORITIES; i++) {
                cursor[i] = Math.max(cursor[i], highestId);
            }
            LOG.debug("Queue {} pages: {} bytes in memory, {} of the budget's {} used", queueName, memoryBytes,
                    memory.used(), memory.limit());
        }
        if (paging && messageId > cursor[p]) {
            ref.state = MessageRef.PAGED;
            uncommitted[p].put(messageId, ref);
            paged[p]++;
        }
        highestId = Math.max(highestId, messageId);
    }

    /** The write of an admitted reference failed: it never arrives. */
    void abandon(MessageRef ref) {
        if (ref.state == MessageRef.PAGED && uncommitted[ref.message.priority].remove(ref.message.id) != null) {
            paged[ref.message.priority]--;
        }
    }

    /** The write of a reference {@link #admit} marked paged committed: a page read can see it now. */
    void committed(MessageRef ref) {
        uncommitted[ref.message.priority].remove(ref.message.id);
        scanned[ref.message.priority] = false;
    }

    /**
     * A reference returns to the store's backlog of the queue without the queue ever having held it (a prepared XA
     * branch restored at start consumed it, and rolled back): answers true if the cursor has not passed it, so that it
     * is paged again and read back in order with the rest of the backlog; false if the queue is to hold it in memory,
     * where no later page read may meet it.
     */
    boolean returned(MessageRef ref) {
        int p = ref.message.priority;
        long messageId = ref.message.id;
        if (paging && messageId > cursor[p]) {
            paged[p]++;
            scanned[p] = false;
            return true;
        }
        highestId = Math.max(highestId, messageId); // should paging start, its cursor starts past it
        return false;
    }

    /** A consumer came: the backlog is worth scanning again. */
    void consumerAdded() {
        Arrays.fill(scanned, false);
    }

    /** Whether the store holds committed paged messages of {@code priority} or higher. */
    boolean readable(int priority) {
        return paging && highestReadable() >= priority;
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

    /**
     * The read to start now, or null: a page-in when the budget is less than half used and the window (of which
     * {@code memoryBytes} are used), if any, drained below half; or when consumers have {@code credit} and the queue
     * holds less than {@link #READ_AHEAD_BYTES}, or a lower priority waits in memory ({@code waiting}); else a scan
     * ahead when consumers with credit find nothing they accept in memory. One read at a time: the answered read is
     * running until {@link #readFinished}.
     */
    PageRead nextRead(long memoryBytes, IntPredicate waiting, BooleanSupplier credit) {
        if (!paging || reading) {
            return null;
        }
        int top = highestReadable();
        if (top < 0) {
            return null;
        }
        boolean outranked = false;
        for (int p = top - 1; p >= 0 && !outranked; p--) {
            outranked = waiting.test(p);
        }
        PageRead read = null;
        boolean roomy = memoryBytes < window / 2 && memory.isBelowHalf();
        boolean starving = memoryBytes < Math.min(READ_AHEAD_BYTES, window / 2);
        if (roomy || (starving || outranked) && credit.getAsBoolean()) {
            int limit = (int) Math.max(MIN_PAGE, Math.min(MAX_PAGE, (window - memoryBytes) / 1024));
            read = new PageRead(top, cursor[top], limit, false);
        } else if (credit.getAsBoolean()) {
            for (int p = top; p >= 0 && read == null; p--) {
                if (!scanned[p] && paged[p] > uncommitted[p].size()) {
                    read = new PageRead(p, Math.max(cursor[p], scanCursor[p]), MAX_PAGE, true);
                }
            }
        }
        reading = read != null;
        return read;
    }

    /** Runs {@code read} against the store; the caller takes its queue's lock to handle the rows. */
    CompletableFuture<List<PagedMessage>> run(PageRead read) {
        return store.page(queueId, read.priority(), read.after(), read.limit());
    }

    void readFinished() {
        reading = false;
    }

    /** Whether a read {@link #nextRead} answered is running. */
    boolean isReading() {
        return reading;
    }

    /**
     * Moves the cursor over what a page-in returned and keeps the invariant for what it passed; answers the rows
     * the queue is to hold (those a scan ahead has not delivered already).
     */
    List<PagedMessage> pagedIn(PageRead read, List<PagedMessage> rows) {
        int p = read.priority();
        List<PagedMessage> held = new ArrayList<>(rows.size());
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
            held.add(row);
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
        if (rows.size() < read.limit()) {
            paged[p] = uncommitted[p].size(); // all committed ones are read
            stopPagingIfDone();
        }
        return held;
    }

    private void stopPagingIfDone() {
        for (int i = 0; i < PRIORITIES; i++) {
            if (paged[i] > 0) {
                return;
            }
        }
        paging = false;
        LOG.debug("Queue {} stopped paging", queueName);
    }

    /** A scan ahead of {@code priority} found nothing more: no further scan until something arrives. */
    void scanEnded(int priority) {
        scanCursor[priority] = cursor[priority];
        scanned[priority] = true;
    }

    /**
     * A scan ahead reached {@code row}: answers whether a consumer may take it (it is neither taken ahead, nor
     * uncommitted, nor due later, nor expired at {@code now}).
     */
    boolean scanReached(int priority, PagedMessage row, long now) {
        long messageId = row.message().id();
        scanCursor[priority] = messageId;
        return !(takenAhead[priority].contains(messageId) || uncommitted[priority].containsKey(messageId)
                || row.message().deliveryTime() > now || row.message().expiration() != 0
                && row.message().expiration() <= now);
    }

    /** A scan ahead delivered the paged message {@code messageId}: the page-in is to skip it. */
    void takenAhead(int priority, long messageId) {
        takenAhead[priority].add(messageId);
        paged[priority]--;
    }

    /**
     * Management takes the stored message {@code messageId} of {@code priority} out of the queue (a removal or move,
     * see {@link QueueSweep}): answers true if it is still paged (the cursor has not passed it, no scan took it, its
     * write committed), and from now the page-in skips it as it skips what a scan took ahead; false if the queue
     * holds it otherwise now.
     */
    boolean take(int priority, long messageId) {
        if (!paging || messageId <= cursor[priority] || takenAhead[priority].contains(messageId)
                || uncommitted[priority].containsKey(messageId)) {
            return false;
        }
        takenAhead(priority, messageId);
        return true;
    }

    /**
     * A message {@link #take} took returns, its removal not written after all: answers true if it is paged again (the
     * cursor has not passed it), false if the queue is to hold it in memory.
     */
    boolean untake(MessageRef ref) {
        int p = ref.message.priority;
        long messageId = ref.message.id;
        if (takenAhead[p].remove(messageId) && paging && messageId > cursor[p]) {
            paged[p]++;
            scanned[p] = false;
            return true;
        }
        highestId = Math.max(highestId, messageId); // should paging start, its cursor starts past it
        return false;
    }

    /** Messages that live only in the store now, to be paged in. */
    long pagedCount() {
        long count = 0;
        for (long level : paged) {
            count += level;
        }
        return count;
    }

    /**
     * Where a browser reads the stored backlog of {@code priority} from: the cursor, or {@link Long#MAX_VALUE} if
     * nothing of it is paged.
     */
    long browseFrom(int priority) {
        return paged[priority] > 0 ? cursor[priority] : Long.MAX_VALUE;
    }

    /** Adds the ids a scan took ahead, which a browser must not see twice, to {@code ids}. */
    void addTakenAhead(Set<Long> ids) {
        for (TreeSet<Long> taken : takenAhead) {
            ids.addAll(taken);
        }
    }

    /** Reads up to {@code limit} stored messages of {@code priority} after {@code afterId}, waiting for the rows. */
    List<PagedMessage> read(int priority, long afterId, int limit) {
        return store.page(queueId, priority, afterId, limit).join();
    }
}
