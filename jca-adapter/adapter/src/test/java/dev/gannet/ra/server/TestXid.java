package dev.gannet.ra.server;

import javax.transaction.xa.Xid;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A transaction manager's Xid, made by hand. */
public record TestXid(int format, byte[] global, byte[] branch) implements Xid {

    public TestXid(int n) {
        this(7, ByteBuffer.allocate(4).putInt(n).array(), new byte[] {1});
    }

    /** A copy of {@code other}, comparable by value. */
    public TestXid(Xid other) {
        this(other.getFormatId(), other.getGlobalTransactionId(), other.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return format;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return global.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branch.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestXid that && format == that.format && Arrays.equals(global, that.global)
                && Arrays.equals(branch, that.branch);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(global);
    }
}
