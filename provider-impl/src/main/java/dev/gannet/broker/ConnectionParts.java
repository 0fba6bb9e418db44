package dev.gannet.broker;

import dev.gannet.log.ThrottledLog;

/**
 * The broker parts a {@link ServerConnection} and its sessions carry commands out with; {@code warnings} throttles
 * the warnings clients can cause again and again; {@code gate} lets each command through or refuses it;
 * {@code authenticator} logs a connection in as it opens; {@code setsUserId} says whether sent messages get their
 * sender's user as {@code JMSXUserID};
 * {@code events} hears connections and consumers come and go; {@code redelivery} returns what sessions give back.
 */
record ConnectionParts(ThrottledLog warnings, ClientIds clientIds, DestinationRegistry registry,
                       Subscriptions subscriptions, PostOffice postOffice, Redelivery redelivery,
                       ResourceManager resourceManager, StoreWriter store, CommandGate gate, Authenticator authenticator,
                       boolean setsUserId, BrokerEvents events) {
}
