package dev.gannet.protocol;

import dev.gannet.message.GannetDestination;

/**
 * A message on its way to the broker: the header values the broker routes, orders and expires by, and the
 * whole message encoded by {@link dev.gannet.message.MessageCodec}.
 *
 * @param expiration   JMSExpiration, 0 for never
 * @param deliveryTime JMSDeliveryTime; the broker holds the message back until then
 * @param groupId      JMSXGroupID: messages of one group go to one queue consumer; null for none
 */
public record OutboundMessage(GannetDestination destination, boolean persistent, int priority, long expiration,
                              long deliveryTime, String groupId, byte[] encoded) {
}
