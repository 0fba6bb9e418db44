package dev.gannet.management;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a broker failure into what an MXBean operation throws: {@link IllegalArgumentException} for what the caller
 * named wrong (a selector, a queue), {@link IllegalStateException} for the rest, with the broker's message and no cause
 * (a JMX client may not have the Jakarta Messaging classes to read one); the cause is logged at debug level.
 */
final class OperationFailures {

    private static final Logger LOG = LoggerFactory.getLogger(OperationFailures.class);

    private OperationFailures() {
    }

    static RuntimeException of(String operation, JMSException failure) {
        LOG.debug("Management operation {} failed", operation, failure);
        String message = operation + " failed: " + failure.getMessage();
        if (failure instanceof InvalidSelectorException || failure instanceof InvalidDestinationException) {
            return new IllegalArgumentException(message);
        }
        return new IllegalStateException(message);
    }
}
