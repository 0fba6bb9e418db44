package dev.gannet.client;

import dev.gannet.protocol.XaError;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;

import javax.transaction.xa.XAException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The client's one place for building JMS exceptions and mapping them to the simplified API's runtime twins (through
 * {@link RuntimeExceptions}) and to the {@link XAException}s of an XAResource.
 */
final class Errors {

    private Errors() {
    }

    static IllegalStateException closed(String what) {
        return new IllegalStateException(what + " is closed");
    }

    /** {@code exception} with {@code cause} as its cause and, if it is an Exception, its linked exception. */
    static JMSException withCause(JMSException exception, Throwable cause) {
        exception.initCause(cause);
        if (cause instanceof Exception linked) {
            exception.setLinkedException(linked);
        }
        return exception;
    }

    /** A JMSException for any failure, keeping a JMSException as it is and always setting the cause. */
    static JMSException jms(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof JMSException e) {
            return e;
        }
        if (cause instanceof JMSRuntimeException e && e.getCause() instanceof JMSException jms) {
            return jms;
        }
        return withCause(new JMSException(String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause)),
                cause);
    }

    /** The simplified API's twin of {@code e}, with {@code e} as its cause ({@link RuntimeExceptions#of}). */
    static JMSRuntimeException runtime(JMSException e) {
        return RuntimeExceptions.of(e);
    }

    /** An {@link XAException} with the error code {@code code}; the message ends with the code's name. */
    static XAException xa(int code, String message) {
        XAException exception = new XAException(message + " (" + XaError.name(code) + ")");
        exception.errorCode = code;
        return exception;
    }

    /**
     * The {@link XAException} for an XA call that failed with {@code failure}, its cause: the error code the broker
     * answered with ({@link XaError}); {@code XAER_RMERR} for a refusal by the broker's authorizer; else
     * {@code XAER_RMFAIL}, for the resource manager could not carry out the call (the connection is closed or lost,
     * the session is closed, the broker failed).
     */
    static XAException xa(String call, Throwable failure) {
        JMSException cause = jms(failure);
        XAException exception;
        if (XaError.carriesCode(cause)) {
            exception = new XAException(cause.getMessage());
            exception.errorCode = XaError.code(cause);
        } else if (cause instanceof JMSSecurityException) {
            exception = xa(XAException.XAER_RMERR, call + " refused: " + cause.getMessage());
        } else {
            exception = xa(XAException.XAER_RMFAIL, call + " failed: " + cause.getMessage());
        }
        exception.initCause(cause);
        return exception;
    }

    /** An action of the simplified API that may throw a checked JMSException. */
    @FunctionalInterface
    interface JmsAction<T> {
        T run() throws JMSException;
    }

    /** Runs an action, turning a JMSException into its runtime twin. */
    static <T> T unchecked(JmsAction<T> action) {
        return RuntimeExceptions.unchecked(action::run);
    }

    /** Runs an action without result, turning a JMSException into its runtime twin. */
    static void uncheckedRun(JmsAction<?> action) {
        RuntimeExceptions.unchecked(action::run);
    }
}
