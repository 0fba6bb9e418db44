package dev.gannet.store;

/**
 * A prepared XA transaction branch as stored: the store's id for it (what the prepared rows of that branch name)
 * and its Xid. The arrays are the store's own; do not change them.
 *
 * @param id                  unique among stored branches, chosen by the broker
 * @param formatId            the Xid's format id
 * @param globalTransactionId the Xid's global transaction id (1 to 64 bytes)
 * @param branchQualifier     the Xid's branch qualifier (0 to 64 bytes)
 */
public record StoredBranch(long id, int formatId, byte[] globalTransactionId, byte[] branchQualifier) {
}
