package dev.gannet.protocol;

import dev.gannet.message.GannetDestination;

/**
 * A message on its way to the broker: the header values the broker routes, orders and expires by, and the
 * whole message encoded by {@link dev.gannet.message.MessageCodec}.
 *
 * @param expiration   JMSExpiration, 0 for never
 * @param deliveryTime JMSDeliveryTime; the broker holds the message back until then
 */
public record OutboundMessage(GannetDestination destination, boolean persistent, int priority, long expiration,
                              long deliveryTime, byte[] encoded) {
}
