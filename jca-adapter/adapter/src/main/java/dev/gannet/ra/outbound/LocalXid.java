package dev.gannet.ra.outbound;

import javax.transaction.xa.Xid;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The Xid of a managed connection's local transaction: a branch of the connection's own that it begins and completes
 * in one phase, so that a local transaction and a global one are the same thing to the broker. Never prepared, so
 * never in doubt: a crash before the commit leaves nothing for recovery.
 */
final class LocalXid implements Xid {

    /** "GnRA", so that the broker's logs tell these branches from a transaction manager's. */
    private static final int FORMAT = 0x476E5241;

    private final byte[] globalId;

    private LocalXid(byte[] globalId) {
        this.globalId = globalId;
    }

    /** A new Xid, unique to this local transaction. */
    static LocalXid next() {
        UUID id = UUID.randomUUID();
        return new LocalXid(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    @Override
    public int getFormatId() {
        return FORMAT;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return new byte[] {1};
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalXid that && Arrays.equals(globalId, that.globalId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(globalId);
    }

    @Override
    public String toString() {
        return "local:" + HexFormat.of().formatHex(globalId);
    }
}
