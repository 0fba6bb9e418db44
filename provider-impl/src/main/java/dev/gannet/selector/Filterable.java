package dev.gannet.selector;

/** The view of a message that a selector is evaluated over. */
public interface Filterable {

    /** value of a selector identifier: header (JMSDeliveryMode as "PERSISTENT"/"NON_PERSISTENT", JMSPriority Integer, JMSMessageID, JMSTimestamp Long, JMSCorrelationID, JMSType) or property, null if absent */
    Object valueOf(String identifier);
}
