package dev.gannet.protocol;

import javax.transaction.xa.Xid;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An XA transaction branch identifier as Gannet carries and keeps it: a value (equal when its format id and both
 * byte strings are), unlike a transaction manager's {@link Xid}, whose equality is its own. Copies its arrays in and
 * out, so it never changes.
 *
 * @param formatId            the format of the ids (-1 is the null Xid, which no branch has)
 * @param globalTransactionId the global transaction's id, 1 to {@value Xid#MAXGTRIDSIZE} bytes
 * @param branchQualifier     the branch's qualifier, 0 to {@value Xid#MAXBQUALSIZE} bytes
 */
public record BranchId(int formatId, byte[] globalTransactionId, byte[] branchQualifier) implements Xid {

    /**
     * @throws IllegalArgumentException if the format id is -1, or an id is missing or longer than XA allows
     */
    public BranchId {
        if (formatId == -1) {
            throw new IllegalArgumentException("Format id -1 is the null Xid, which names no transaction branch");
        }
        if (globalTransactionId == null || globalTransactionId.length == 0
                || globalTransactionId.length > Xid.MAXGTRIDSIZE) {
            throw new IllegalArgumentException("A global transaction id has 1 to " + Xid.MAXGTRIDSIZE + " bytes, not "
                    + (globalTransactionId == null ? "none" : globalTransactionId.length));
        }
        if (branchQualifier == null || branchQualifier.length > Xid.MAXBQUALSIZE) {
            throw new IllegalArgumentException("A branch qualifier has 0 to " + Xid.MAXBQUALSIZE + " bytes, not "
                    + (branchQualifier == null ? "none" : branchQualifier.length));
        }
        globalTransactionId = globalTransactionId.clone();
        branchQualifier = branchQualifier.clone();
    }

    /**
     * The branch {@code xid} names.
     *
     * @throws IllegalArgumentException if {@code xid} is null or not a valid branch id (see the constructor)
     */
    public static BranchId of(Xid xid) {
        if (xid == null) {
            throw new IllegalArgumentException("The Xid is null");
        }
        return xid instanceof BranchId branch ? branch
                : new BranchId(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public byte[] globalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BranchId that && formatId == that.formatId
                && Arrays.equals(globalTransactionId, that.globalTransactionId)
                && Arrays.equals(branchQualifier, that.branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
    }

    /** Prints as {@code xid:FORMAT:GTRID-HEX:BQUAL-HEX}. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "xid:" + formatId + ":" + hex.formatHex(globalTransactionId) + ":" + hex.formatHex(branchQualifier);
    }
}
