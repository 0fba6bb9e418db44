package dev.gannet.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/**
 * The one place where the classic API's checked {@link JMSException}s become the simplified API's unchecked twins
 * ({@code JMSContext}, {@code JMSProducer}, {@code JMSConsumer} throw {@code ...RuntimeException}s where the classic
 * API throws the checked class of the same name): Gannet's own JMSContext and, over the classic API, the resource
 * adapter's context handles.
 */
public final class RuntimeExceptions {

    private RuntimeExceptions() {
    }

    /**
     * The unchecked twin of {@code e}: {@code IllegalStateException} becomes {@link IllegalStateRuntimeException},
     * {@code InvalidDestinationException} {@link InvalidDestinationRuntimeException}, and so on for every exception
     * that has a twin; any other {@link JMSRuntimeException}. With {@code e}'s message and error code, and {@code e} as
     * its cause.
     */
    public static JMSRuntimeException of(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException twin;
        if (e instanceof IllegalStateException) {
            twin = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            twin = new InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            twin = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            twin = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            twin = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            twin = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            twin = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            twin = new ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            twin = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            twin = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            twin = new JMSRuntimeException(message, code, e);
        }
        return twin;
    }

    /** A classic-API call with a result. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws JMSException;
    }

    /** A classic-API call without result. */
    @FunctionalInterface
    public interface Action {
        void run() throws JMSException;
    }

    /**
     * The result of {@code call}.
     *
     * @throws JMSRuntimeException the twin ({@link #of}) of the JMSException the call threw
     */
    public static <T> T unchecked(Call<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw of(e);
        }
    }

    /**
     * Runs {@code action}.
     *
     * @throws JMSRuntimeException the twin ({@link #of}) of the JMSException the action threw
     */
    public static void uncheckedRun(Action action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw of(e);
        }
    }
}
