package dev.gannet.selector;

/**
 * The message header fields a selector may reference (spec 3.8.1.1) and the type each has there;
 * JMSDeliveryMode is a string, 'PERSISTENT' or 'NON_PERSISTENT' (3.8.1.3). Every other identifier, including
 * any other name that begins with JMS, is a property reference whose value the {@link Filterable} supplies.
 */
enum HeaderField {
    JMS_DELIVERY_MODE("JMSDeliveryMode", ValueType.STRING),
    JMS_PRIORITY("JMSPriority", ValueType.NUMBER),
    JMS_MESSAGE_ID("JMSMessageID", ValueType.STRING),
    JMS_TIMESTAMP("JMSTimestamp", ValueType.NUMBER),
    JMS_CORRELATION_ID("JMSCorrelationID", ValueType.STRING),
    JMS_TYPE("JMSType", ValueType.STRING);

    private final String identifier;
    private final ValueType type;

    HeaderField(String identifier, ValueType type) {
        this.identifier = identifier;
        this.type = type;
    }

    /** The type of a header field reference; UNKNOWN for a property reference. */
    static ValueType typeOf(String identifier) {
        for (HeaderField field : values()) {
            if (field.identifier.equals(identifier)) {
                return field.type;
            }
        }
        return ValueType.UNKNOWN;
    }
}
