package dev.gannet.broker;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The duplicate IDs one destination has seen, newest last, at most {@code capacity} of them; each with the
 * sequence number of its stored record.
 */
final class DuplicateIds {

    private final String destination;
    private final int capacity;
    private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>(); // guarded by this
    private long dropped; // guarded by this

    DuplicateIds(String destination, int capacity) {
        this.destination = destination;
        this.capacity = capacity;
    }

    String destination() {
        return destination;
    }

    /**
     * Records {@code id} unless it is known; answers false for a duplicate (counted). The sequence numbers of IDs
     * pushed out by it go to {@code evicted}.
     */
    synchronized boolean claim(String id, long sequence, List<Long> evicted) {
        if (ids.containsKey(id)) {
            dropped++;
            return false;
        }
        ids.put(id, sequence);
        trim(evicted);
        return true;
    }

    /** Forgets a claim whose message was not stored after all, so that a resend is accepted. */
    synchronized void release(String id, long sequence) {
        ids.remove(id, sequence);
    }

    /** Restores a stored ID at start. */
    synchronized void restore(String id, long sequence, List<Long> evicted) {
        ids.put(id, sequence);
        trim(evicted);
    }

    private void trim(List<Long> evicted) {
        Iterator<Map.Entry<String, Long>> oldest = ids.entrySet().iterator();
        while (ids.size() > capacity && oldest.hasNext()) {
            evicted.add(oldest.next().getValue());
            oldest.remove();
        }
    }

    /** How many duplicates were dropped since the broker started. */
    synchronized long dropped() {
        return dropped;
    }
}
