package dev.gannet.broker;

import dev.gannet.log.ThrottledLog;

/**
 * The broker parts a {@link ServerConnection} and its sessions carry commands out with; {@code warnings} throttles
 * the warnings clients can cause again and again.
 */
record ConnectionParts(ThrottledLog warnings, ClientIds clientIds, DestinationRegistry registry, Subscriptions subscriptions,
                       PostOffice postOffice, MessageMover mover, ResourceManager resourceManager, StoreWriter store, Scheduler scheduler) {
}
