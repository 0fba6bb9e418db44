package dev.gannet.transport.tcp;

import jakarta.jms.JMSException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A {@link JMSException} as it travels: its kind from the allow-list, its message and its error code. */
public record WireError(ExceptionKind kind, String message, String errorCode) {

    /** Describes a failure; a non-JMS failure becomes a plain {@link JMSException} naming it. */
    public static WireError of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof JMSException jms) {
            return new WireError(ExceptionKind.of(jms), jms.getMessage(), jms.getErrorCode());
        }
        return new WireError(ExceptionKind.JMS, String.valueOf(cause), null);
    }

    /** A new exception of this kind, message and error code, to be thrown on this side. */
    public JMSException toException() {
        return kind.create(message, errorCode);
    }
}
