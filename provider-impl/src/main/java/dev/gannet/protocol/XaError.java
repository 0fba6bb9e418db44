package dev.gannet.protocol;

import jakarta.jms.JMSException;

import javax.transaction.xa.XAException;

/**
 * How the broker says which {@link XAException} error code an XA command failed with: a {@link JMSException} whose
 * error code is {@code XA:} and the code's number (e.g. {@code XA:-4} for {@link XAException#XAER_NOTA}). Every
 * transport carries a failure's error code, so the client's {@code XAResource} rethrows the code the broker chose.
 */
public final class XaError {

    private static final String PREFIX = "XA:";

    private XaError() {
    }

    /** The failure of an XA command with the XA error code {@code xaErrorCode} and the reason {@code message}. */
    public static JMSException of(int xaErrorCode, String message) {
        return new JMSException(message + " (" + name(xaErrorCode) + ")", PREFIX + xaErrorCode);
    }

    /** Whether {@code failure} carries an XA error code (see {@link #of}). */
    public static boolean carriesCode(JMSException failure) {
        String code = failure.getErrorCode();
        return code != null && code.startsWith(PREFIX);
    }

    /**
     * The XA error code {@code failure} carries.
     *
     * @throws IllegalArgumentException if it carries none (see {@link #carriesCode})
     */
    public static int code(JMSException failure) {
        if (!carriesCode(failure)) {
            throw new IllegalArgumentException("Not an XA failure: " + failure);
        }
        return Integer.parseInt(failure.getErrorCode().substring(PREFIX.length()));
    }

    /** The name the XA javadoc gives the error code, e.g. {@code XAER_NOTA}; else the number. */
    public static String name(int xaErrorCode) {
        return switch (xaErrorCode) {
            case XAException.XA_RBROLLBACK -> "XA_RBROLLBACK";
            case XAException.XA_RBCOMMFAIL -> "XA_RBCOMMFAIL";
            case XAException.XA_RBDEADLOCK -> "XA_RBDEADLOCK";
            case XAException.XA_RBINTEGRITY -> "XA_RBINTEGRITY";
            case XAException.XA_RBOTHER -> "XA_RBOTHER";
            case XAException.XA_RBPROTO -> "XA_RBPROTO";
            case XAException.XA_RBTIMEOUT -> "XA_RBTIMEOUT";
            case XAException.XA_RBTRANSIENT -> "XA_RBTRANSIENT";
            case XAException.XA_NOMIGRATE -> "XA_NOMIGRATE";
            case XAException.XA_HEURHAZ -> "XA_HEURHAZ";
            case XAException.XA_HEURCOM -> "XA_HEURCOM";
            case XAException.XA_HEURRB -> "XA_HEURRB";
            case XAException.XA_HEURMIX -> "XA_HEURMIX";
            case XAException.XA_RETRY -> "XA_RETRY";
            case XAException.XA_RDONLY -> "XA_RDONLY";
            case XAException.XAER_ASYNC -> "XAER_ASYNC";
            case XAException.XAER_RMERR -> "XAER_RMERR";
            case XAException.XAER_NOTA -> "XAER_NOTA";
            case XAException.XAER_INVAL -> "XAER_INVAL";
            case XAException.XAER_PROTO -> "XAER_PROTO";
            case XAException.XAER_RMFAIL -> "XAER_RMFAIL";
            case XAException.XAER_DUPID -> "XAER_DUPID";
            case XAException.XAER_OUTSIDE -> "XAER_OUTSIDE";
            default -> String.valueOf(xaErrorCode);
        };
    }
}
