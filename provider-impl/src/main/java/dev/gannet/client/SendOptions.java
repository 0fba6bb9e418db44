package dev.gannet.client;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;

/**
 * The header values and options of one send, as a producer's settings give them (spec 7.2–7.9): checked when the
 * message is sent, as the spec requires.
 *
 * @param deliveryMode            {@link DeliveryMode#PERSISTENT} or {@link DeliveryMode#NON_PERSISTENT}
 * @param priority                0 to 9
 * @param timeToLive              milliseconds; 0 for never expiring
 * @param deliveryDelay           milliseconds before the message may be delivered
 * @param disableMessageId        whether the message may go without a JMSMessageID
 * @param disableMessageTimestamp whether the message may go without a JMSTimestamp
 */
public record SendOptions(int deliveryMode, int priority, long timeToLive, long deliveryDelay,
                          boolean disableMessageId, boolean disableMessageTimestamp) {

    static void checkDeliveryMode(int deliveryMode) throws JMSException {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("Delivery mode " + deliveryMode + " is neither PERSISTENT ("
                    + DeliveryMode.PERSISTENT + ") nor NON_PERSISTENT (" + DeliveryMode.NON_PERSISTENT + ")");
        }
    }

    static void checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("Priority " + priority + " is outside 0..9");
        }
    }

    void check() throws JMSException {
        checkDeliveryMode(deliveryMode);
        checkPriority(priority);
    }
}
