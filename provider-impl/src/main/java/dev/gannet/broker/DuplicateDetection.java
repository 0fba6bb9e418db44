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
            sequence.set(duplicate.sequence());
        }
        return evicted;
    }

    /**
     * Whether {@code message} carries a duplicate ID {@code destination} has seen; if not, the ID is claimed and
     * {@code operations} store it with the message.
     *
     * @throws JMSException if the message's properties cannot be read
     */
    boolean isDuplicate(GannetDestination destination, ServerMessage message, List<StoreOperation> operations)
            throws JMSException {
        if (policies.settingsFor(destination.name()).duplicateCacheSize() <= 0) {
            return false;
        }
        Object id = MessageCodec.peekProperty(message.encoded, MessageProperties.DUPLICATE_ID);
        if (id == null) {
            return false;
        }
        String duplicateId = id.toString();
        DuplicateIds ids = idsOf(destination);
        long claim = sequence.incrementAndGet();
        List<Long> evicted = new ArrayList<>();
        if (!ids.claim(duplicateId, claim, evicted)) {
            LOG.debug("Broker {}: dropped message {} to {}, duplicate ID {}", brokerName, message.id, destination,
                    duplicateId);
            return true;
        }
        message.duplicateClaim = () -> ids.release(duplicateId, claim);
        if (message.persistent) {
            operations.add(new StoreOperation.AddDuplicate(new StoredDuplicate(claim, ids.destination(),
                    duplicateId)));
            evicted.forEach(e -> operations.add(new StoreOperation.RemoveDuplicate(e)));
        }
        return false;
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
