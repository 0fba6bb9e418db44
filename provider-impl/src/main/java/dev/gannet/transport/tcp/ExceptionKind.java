package dev.gannet.transport.tcp;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;

import java.util.function.BiFunction;

/**
 * The exception types a failure may take on the wire: a fixed allow-list, so that no class named by the peer is
 * ever loaded. Each has a fixed code; codes never change meaning.
 */
enum ExceptionKind {
    JMS(1, JMSException.class, JMSException::new),
    ILLEGAL_STATE(2, IllegalStateException.class, IllegalStateException::new),
    INVALID_CLIENT_ID(3, InvalidClientIDException.class, InvalidClientIDException::new),
    INVALID_DESTINATION(4, InvalidDestinationException.class, InvalidDestinationException::new),
    INVALID_SELECTOR(5, InvalidSelectorException.class, InvalidSelectorException::new),
    SECURITY(6, JMSSecurityException.class, JMSSecurityException::new),
    MESSAGE_EOF(7, MessageEOFException.class, MessageEOFException::new),
    MESSAGE_FORMAT(8, MessageFormatException.class, MessageFormatException::new),
    MESSAGE_NOT_READABLE(9, MessageNotReadableException.class, MessageNotReadableException::new),
    MESSAGE_NOT_WRITEABLE(10, MessageNotWriteableException.class, MessageNotWriteableException::new),
    RESOURCE_ALLOCATION(11, ResourceAllocationException.class, ResourceAllocationException::new),
    TRANSACTION_IN_PROGRESS(12, TransactionInProgressException.class, TransactionInProgressException::new),
    TRANSACTION_ROLLED_BACK(13, TransactionRolledBackException.class, TransactionRolledBackException::new);

    final int code;
    private final Class<? extends JMSException> type;
    private final BiFunction<String, String, JMSException> factory;

    ExceptionKind(int code, Class<? extends JMSException> type, BiFunction<String, String, JMSException> factory) {
        this.code = code;
        this.type = type;
        this.factory = factory;
    }

    /** The kind for the exception's own class, or for its nearest listed superclass. */
    static ExceptionKind of(JMSException exception) {
        for (Class<?> c = exception.getClass(); c != null; c = c.getSuperclass()) {
            for (ExceptionKind kind : values()) {
                if (kind.type == c) {
                    return kind;
                }
            }
        }
        return JMS;
    }

    /** The kind with that code, or null when no kind has it. */
    static ExceptionKind byCode(int code) {
        for (ExceptionKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }

    JMSException create(String message, String errorCode) {
        return factory.apply(message, errorCode);
    }
}
