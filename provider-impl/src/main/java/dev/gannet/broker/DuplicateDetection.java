package dev.gannet.broker;

import dev.gannet.api.DestinationPolicies;
import dev.gannet.api.MessageProperties;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.message.MessageCodec;
import dev.gannet.store.StoreOperation;
import dev.gannet.store.StoredDuplicate;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Duplicate detection ({@link MessageProperties#DUPLICATE_ID}): per destination, the last IDs it accepted, as many
 * as its {@code duplicateCacheSize}; a message carrying one of them is dropped. Persistent messages store their ID
 * with them, so the IDs survive a restart. A destination's stored key is its {@code toString()}
 * ({@code queue://NAME}), made and read back only here.
 */
final class DuplicateDetection {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateDetection.class);

    private final String brokerName;
    private final DestinationPolicies policies;
    private final Map<GannetDestination, DuplicateIds> duplicates = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    DuplicateDetection(String brokerName, DestinationPolicies policies) {
        this.brokerName = brokerName;
        this.policies = policies;
    }

    /**
     * Restores the stored IDs (oldest first) at start; answers the sequence numbers of those that no longer fit
     * their destination's cache, for the store to forget.
     */
    List<Long> restore(List<StoredDuplicate> stored) {
        List<Long> evicted = new ArrayList<>();
        for (StoredDuplicate duplicate : stored) {
            idsOf(destinationOfStoreKey(duplicate.destination()))
                    .restore(duplicate.duplicateId(), duplicate.sequence(), evicted);
            sequence.accumulateAndGet(duplicate.sequence(), Math::max);
        }
        return evicted;
    }

    /**
     * Whether {@code message} carries a duplicate ID {@code destination} has seen; if not, the ID is claimed and
     * {@code operations} store it with the message. A message whose ID was {@link #reserve reserved} at send is no
     * duplicate: its reservation is stored now.
     *
     * @throws JMSException if the message's properties cannot be read
     */
    boolean isDuplicate(GannetDestination destination, ServerMessage message, List<StoreOperation> operations)
            throws JMSException {
        ReservedDuplicate claimed = message.reservedDuplicate != null ? message.reservedDuplicate
                : claim(destination, message);
        if (claimed == DUPLICATE) {
            return true;
        }
        if (claimed != null) {
            claimed.addTo(operations);
        }
        return false;
    }

    /**
     * Reserves the duplicate ID of a message sent in an XA branch when it is sent, not when the branch commits:
     * answers false for a duplicate (dropped and counted as any other). Otherwise the ID, if the message carries one,
     * is claimed from now on, so that a second send of it (in another branch or in none) is a duplicate;
     * {@code message.reservedDuplicate} is what to store when the branch prepares or commits, and
     * {@code message.duplicateClaim} releases the ID should the branch roll back.
     *
     * @throws JMSException if the message's properties cannot be read
     */
    boolean reserve(GannetDestination destination, ServerMessage message) throws JMSException {
        ReservedDuplicate claimed = claim(destination, message);
        if (claimed == DUPLICATE) {
            return false;
        }
        message.reservedDuplicate = claimed;
        return true;
    }

    /**
     * Claims the duplicate ID {@code message} carries for {@code destination}: null if there is none to check (no ID,
     * or the destination keeps none), {@link #DUPLICATE} if the destination has seen it, else what to store. The
     * message's {@code duplicateClaim} releases the claim.
     */
    private ReservedDuplicate claim(GannetDestination destination, ServerMessage message) throws JMSException {
        if (policies.settingsFor(destination.name()).duplicateCacheSize() <= 0) {
            return null;
        }
        Object id = MessageCodec.peekProperty(message.encoded, MessageProperties.DUPLICATE_ID);
        if (id == null) {
            return null;
        }
        String duplicateId = id.toString();
        DuplicateIds ids = idsOf(destination);
        long claim = sequence.incrementAndGet();
        List<Long> evicted = new ArrayList<>();
        if (!ids.claim(duplicateId, claim, evicted)) {
            LOG.debug("Broker {}: dropped message {} to {}, duplicate ID {}", brokerName, message.id, destination,
                    duplicateId);
            return DUPLICATE;
        }
        message.duplicateClaim = () -> ids.release(duplicateId, claim);
        return new ReservedDuplicate(message.persistent ? new StoredDuplicate(claim, ids.destination(), duplicateId)
                : null, message.persistent ? List.copyOf(evicted) : List.of());
    }

    /**
     * Restores a duplicate ID a prepared XA branch reserved, at start: claimed again until the branch commits (it
     * stays) or rolls back (the answered action releases it). The sequence numbers of IDs it pushes out of their
     * cache go to {@code evicted}.
     */
    Runnable restoreReserved(StoredDuplicate stored, List<Long> evicted) {
        DuplicateIds ids = idsOf(destinationOfStoreKey(stored.destination()));
        ids.restore(stored.duplicateId(), stored.sequence(), evicted);
        sequence.accumulateAndGet(stored.sequence(), Math::max);
        return () -> ids.release(stored.duplicateId(), stored.sequence());
    }

    /** How many duplicates {@code destination} dropped since the broker started. */
    long dropped(GannetDestination destination) {
        DuplicateIds ids = duplicates.get(destination);
        return ids == null ? 0 : ids.dropped();
    }

    private DuplicateIds idsOf(GannetDestination destination) {
        return duplicates.computeIfAbsent(destination, d -> new DuplicateIds(d.toString(),
                policies.settingsFor(d.name()).duplicateCacheSize()));
    }

    /**
     * A duplicate ID claimed for a message: what to store with it ({@code stored}, null for a non-persistent message,
     * whose ID is remembered in memory only) and the stored IDs the claim pushed out of the cache.
     */
    record ReservedDuplicate(StoredDuplicate stored, List<Long> evicted) {

        /** Adds the store operations that keep the ID with a message routed now. */
        void addTo(List<StoreOperation> operations) {
            if (stored != null) {
                operations.add(new StoreOperation.AddDuplicate(stored));
                evicted.forEach(e -> operations.add(new StoreOperation.RemoveDuplicate(e)));
            }
        }

        /** Adds the store operations that keep the ID with a message of the XA branch {@code branchId} prepares. */
        void addPreparedTo(long branchId, List<StoreOperation> operations) {
            if (stored != null) {
                operations.add(new StoreOperation.AddPreparedDuplicate(branchId, stored));
                evicted.forEach(e -> operations.add(new StoreOperation.RemoveDuplicate(e)));
            }
        }
    }

    /** {@link #claim}'s answer for a duplicate: compared by identity. */
    private static final ReservedDuplicate DUPLICATE = new ReservedDuplicate(null, List.of());

    /** The destination whose {@code toString()} is {@code key}. */
    private static GannetDestination destinationOfStoreKey(String key) {
        int separator = key.indexOf("://");
        String scheme = key.substring(0, separator);
        for (DestinationKind kind : DestinationKind.values()) {
            if (kind.scheme().equals(scheme)) {
                return GannetDestination.of(kind, key.substring(separator + 3));
            }
        }
        throw new IllegalArgumentException("Stored duplicate ID of unknown destination " + key);
    }
}
