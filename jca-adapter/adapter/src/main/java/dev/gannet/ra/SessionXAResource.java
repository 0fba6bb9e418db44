package dev.gannet.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * An XAResource of the adapter that stands for a Gannet XA session's own: {@code isSameRM} compares the sessions'
 * resources, so that a transaction manager joins an endpoint's delivery and a pooled connection of the same broker
 * in one branch (and can commit it in one phase).
 */
public interface SessionXAResource extends XAResource {

    /** The Gannet XA session's resource this one stands for. */
    XAResource sessionResource() throws XAException;

    /** {@code other}'s session resource when it is one of the adapter's, else {@code other}. */
    static XAResource unwrap(XAResource other) throws XAException {
        return other instanceof SessionXAResource wrapper ? wrapper.sessionResource() : other;
    }
}
