package dev.gannet.broker;

/** The broker parts a {@link ServerConnection} and its sessions carry commands out with. */
record ConnectionParts(ClientIds clientIds, DestinationRegistry registry, Subscriptions subscriptions,
                       PostOffice postOffice, MessageMover mover, ResourceManager resourceManager, StoreWriter store, Scheduler scheduler) {
}
