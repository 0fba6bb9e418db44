package dev.gannet.protocol;

/**
 * A message the broker sends to one consumer.
 *
 * @param deliveryId    unique within the session; acknowledgements name it
 * @param generation    the session's delivery generation when sent (see {@link Command.Recover})
 * @param deliveryCount 1 on first delivery, +1 for each redelivery (JMSXDeliveryCount)
 */
public record Delivery(int sessionId, int consumerId, long deliveryId, long generation, int deliveryCount,
                       byte[] encoded) {
}
