package dev.gannet.xa;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * An XAResource that stands for a Gannet XA session's own (a wrapper that a server or a recovery helper puts around
 * it): {@code isSameRM} compares the sessions' resources, so that a transaction manager joins the work of two
 * wrappers on one broker in one branch (and can commit it in one phase).
 */
public interface SessionXAResource extends XAResource {

    /**
     * The Gannet XA session's resource this one stands for.
     *
     * @throws XAException {@code XAER_RMFAIL} if there is none now (the broker cannot be reached)
     */
    XAResource sessionResource() throws XAException;

    /**
     * {@code other}'s session resource when it stands for one, else {@code other}.
     *
     * @throws XAException as {@link #sessionResource}
     */
    static XAResource unwrap(XAResource other) throws XAException {
        return other instanceof SessionXAResource wrapper ? wrapper.sessionResource() : other;
    }
}
