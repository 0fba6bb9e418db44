package dev.gannet.api.management;

import java.util.Map;

/**
 * One waiting message as {@link QueueMXBean#browse} shows it: its headers, its properties and the start of its
 * body. Times are milliseconds since the epoch, 0 where not set.
 *
 * @param messageId     {@code JMSMessageID}, e.g. {@code ID:...}; null if the producer disabled message IDs
 * @param bodyType      the message interface: {@code Message}, {@code TextMessage}, {@code BytesMessage},
 *                      {@code MapMessage}, {@code StreamMessage} or {@code ObjectMessage}
 * @param destination   {@code JMSDestination}, e.g. {@code queue://orders}
 * @param timestamp     {@code JMSTimestamp}
 * @param correlationId {@code JMSCorrelationID}, or null
 * @param type          {@code JMSType}, or null
 * @param replyTo       {@code JMSReplyTo}, or null
 * @param deliveryMode  {@code PERSISTENT} or {@code NON_PERSISTENT}
 * @param priority      {@code JMSPriority}, 0-9
 * @param expiration    {@code JMSExpiration}; 0: never expires
 * @param deliveryTime  {@code JMSDeliveryTime}
 * @param properties    every property by name, its value as text ({@code String.valueOf})
 * @param size          the encoded message's size in bytes
 * @param bodyPreview   the start of the body as text: a text message's text, a map's or a stream's entries, a bytes
 *                      message's bytes in hexadecimal, an object message's size only (it is never deserialized in
 *                      the broker); cut after {@link #PREVIEW_LENGTH} characters, with {@code ...} appended
 */
public record MessageInfo(String messageId, String bodyType, String destination, long timestamp, String correlationId,
                          String type, String replyTo, String deliveryMode, int priority, long expiration,
                          long deliveryTime, Map<String, String> properties, int size, String bodyPreview) {

    /** The most characters of a body {@link #bodyPreview()} shows. */
    public static final int PREVIEW_LENGTH = 256;
}
