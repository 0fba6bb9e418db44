package dev.gannet.broker;

/**
 * Hears the broker's {@link BrokerEvent}s; added with {@link Broker#addListener}. Called on the thread of the
 * happening (a transport's, or the broker's timer), never while a broker lock is held, once per event, in the order
 * the events happened on that thread. A listener that throws is logged and the broker goes on; one that blocks holds
 * up the connection that caused the event, so it should hand slow work elsewhere.
 */
@FunctionalInterface
public interface BrokerListener {

    void onEvent(BrokerEvent event);
}
