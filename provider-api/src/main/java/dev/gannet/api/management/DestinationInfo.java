package dev.gannet.api.management;

/**
 * One queue or topic as {@link BrokerMXBean#listDestinations()} lists it.
 *
 * @param type          {@code queue} or {@code topic}
 * @param name          its name
 * @param temporary     whether it is a temporary destination of a connection
 * @param depth         messages it holds (a topic: its subscriptions' together)
 * @param consumers     consumers open on it (a topic: on its subscriptions)
 * @param subscriptions a topic's subscriptions; 0 for a queue
 */
public record DestinationInfo(String type, String name, boolean temporary, long depth, int consumers,
                              int subscriptions) {
}
