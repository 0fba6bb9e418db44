package dev.gannet.protocol;

import dev.gannet.message.GannetDestination;

import java.util.List;

/**
 * What a client asks of the broker. Every transport carries exactly these values; the broker has one code
 * path for them. Ids nest: a connection holds sessions ({@code sessionId}), a session holds consumers
 * ({@code consumerId}) and deliveries ({@code deliveryId}, unique within the session).
 */
public sealed interface Command {

    /** First command on a connection. */
    record Open(String clientId, String user, String password) implements Command {
    }

    /** Sets the client ID after opening (Connection.setClientID). Answered with a JMSException if taken. */
    record SetClientId(String clientId) implements Command {
    }

    /** Ends the connection: closes everything it still holds and deletes its temporary destinations. */
    record Close() implements Command {
    }

    /**
     * Connection.start: from now on the broker hands messages to this connection's consumers, up to their prefetch
     * window. A connection is created stopped (spec 6.1.4).
     */
    record Start() implements Command {
    }

    /**
     * Connection.stop: the broker hands nothing more to this connection's consumers. Messages sent ahead stay with
     * their sessions until each returns them with {@link ReturnPrefetched}.
     */
    record Stop() implements Command {
    }

    /**
     * After {@link Stop}: every message sent to the session and not handed to the application (not listed in
     * {@code deliveredIds}) returns to its destination, unchanged and in its original place, for other consumers.
     * Answers the session's new delivery generation, as {@link Recover} does.
     */
    record ReturnPrefetched(int sessionId, List<Long> deliveredIds) implements Command {
    }

    record CreateSession(int sessionId, boolean transacted) implements Command {
    }

    /**
     * Closes a session: its delivered, unacknowledged messages return to their destinations, those listed in
     * {@code deliveredIds} (handed to the application) marked redelivered; staged transactional work is dropped.
     */
    record CloseSession(int sessionId, List<Long> deliveredIds) implements Command {
    }

    /**
     * Creates a consumer. For a topic, {@code subscription} says which subscription it reads from.
     * {@code prefetch} is the number of messages the broker may send ahead of the application.
     */
    record CreateConsumer(int sessionId, int consumerId, GannetDestination destination, String selector,
                          boolean noLocal, SubscriptionSpec subscription, int prefetch) implements Command {
    }

    /**
     * Closes a consumer. Messages sent to it but never handed to the application return to the destination
     * unchanged; those in {@code deliveredIds} stay with the session until acknowledged, recovered or rolled back.
     */
    record CloseConsumer(int sessionId, int consumerId, List<Long> deliveredIds) implements Command {
    }

    /** Returns {@code count} prefetch credits to a consumer whose application took that many messages. */
    record Credit(int sessionId, int consumerId, int count) implements Command {
    }

    /** Sends one message; in a transacted session it is staged until commit. */
    record Send(int sessionId, OutboundMessage message) implements Command {
    }

    /** Acknowledges deliveries of a non-transacted session. */
    record Acknowledge(int sessionId, List<Long> deliveryIds) implements Command {
    }

    /**
     * Session.recover and the redelivery after a listener failed: every message the session holds unacknowledged
     * returns to its destination, those listed in {@code deliveredIds} marked redelivered. Answers the session's
     * new delivery generation; deliveries of older generations are to be discarded by the client.
     */
    record Recover(int sessionId, List<Long> deliveredIds) implements Command {
    }

    /** Commits a transacted session: staged sends become visible, {@code deliveredIds} are consumed. */
    record Commit(int sessionId, List<Long> deliveredIds) implements Command {
    }

    /** Rolls back a transacted session; like {@link Recover} for received messages. Answers the new generation. */
    record Rollback(int sessionId, List<Long> deliveredIds) implements Command {
    }

    /** Creates a temporary queue or topic owned by this connection; answers its {@link GannetDestination}. */
    record CreateTemporary(boolean topic) implements Command {
    }

    /** Deletes one of this connection's temporary destinations; refused while it has consumers. */
    record DeleteTemporary(GannetDestination destination) implements Command {
    }

    /** Checks that a destination may be used by this connection (e.g. a temporary one still exists). */
    record CheckDestination(GannetDestination destination) implements Command {
    }

    /** Deletes a durable subscription of this connection's client ID (or a shared one when no client ID). */
    record Unsubscribe(String name) implements Command {
    }

    /** Answers a snapshot of a queue's messages in delivery order, as {@code List<byte[]>}. */
    record Browse(GannetDestination queue, String selector) implements Command {
    }
}
