package dev.gannet.store;

/**
 * A duplicate ID a destination has seen.
 *
 * @param sequence    orders the IDs of all destinations by age; identifies the record
 * @param destination the destination's key (see the broker), e.g. {@code queue:orders}
 * @param duplicateId the ID the producer set
 */
public record StoredDuplicate(long sequence, String destination, String duplicateId) {
}
