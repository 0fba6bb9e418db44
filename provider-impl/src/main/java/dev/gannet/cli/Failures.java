package dev.gannet.cli;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Maps whatever a command threw to a {@link CommandFailure}: the one place that decides which exit status an
 * exception means ({@link ExitStatus}).
 */
final class Failures {

    private Failures() {
    }

    /** The failure {@code thrown} means, with the message of what was really thrown (not of a wrapper around it). */
    static CommandFailure of(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof CommandFailure failure) {
            return failure;
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (cause instanceof SecurityException || cause instanceof JMSSecurityException
                || cause instanceof JMSSecurityRuntimeException) {
            return new CommandFailure(ExitStatus.SECURITY, "Refused: " + message, cause);
        }
        if (cause instanceof InstanceNotFoundException) {
            return new CommandFailure(ExitStatus.NOT_FOUND, "Not found (it is gone): " + message, cause);
        }
        if (cause instanceof InvalidDestinationException || cause instanceof InvalidDestinationRuntimeException) {
            return new CommandFailure(ExitStatus.NOT_FOUND, message, cause);
        }
        if (causedByIo(cause)) {
            return new CommandFailure(ExitStatus.CANNOT_CONNECT, "Cannot reach the broker: " + message, cause);
        }
        return new CommandFailure(ExitStatus.FAILED, message, cause);
    }

    /** The exception a JMX proxy or reflection wrapped, down to what the broker or the transport threw. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while (true) {
            Throwable inner = null;
            if (current instanceof UndeclaredThrowableException e) {
                inner = e.getUndeclaredThrowable();
            } else if (current instanceof InvocationTargetException e) {
                inner = e.getTargetException();
            } else if (current instanceof RuntimeMBeanException e) {
                inner = e.getTargetException();
            } else if (current instanceof MBeanException e) {
                inner = e.getTargetException();
            } else if (current instanceof ReflectionException e) {
                inner = e.getTargetException();
            }
            if (inner == null || inner == current) {
                return current;
            }
            current = inner;
        }
    }

    private static boolean causedByIo(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
