package dev.gannet.transport.tcp;

import dev.gannet.protocol.Answer;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.Delivery;
import dev.gannet.protocol.Opened;
import jakarta.jms.JMSException;

/**
 * One unit on the wire. On the wire a frame is {@code length:int32, type:byte, correlationId:int64, body}; the
 * length counts everything after itself. {@link Malformed} never travels: it is what the decoder makes of bad input.
 */
public sealed interface Frame {

    /** The first frame a client sends. */
    record HandshakeRequest(int magic, int version, String clientId, String user, String password) implements Frame {
        /** "GNET": identifies a Gannet client. */
        public static final int MAGIC = 0x474E4554;
        /**
         * The only protocol version this build speaks; 2 added one-way sends and their flow-control window, 3 the
         * connection's start and stop (the broker hands messages only to started connections), 4 browsing a page at
         * a time, 5 XA, 6 the broker's answer says whether it sets JMSXUserID, 7 acknowledgements nobody waits for
         * travel one-way ({@link OneWayAcknowledge}), answered only when they fail ({@link AcknowledgeFailure}).
         */
        public static final int VERSION = 7;

        public static HandshakeRequest of(String clientId, String user, String password) {
            return new HandshakeRequest(MAGIC, VERSION, clientId, user, password);
        }
    }

    /**
     * The server's answer to the handshake: {@code failure} is null when the connection was accepted, and then
     * {@code opened} says what the broker answered to the connection's {@link Command.Open} (else it is null).
     */
    record HandshakeAnswer(int version, WireError failure, Opened opened) implements Frame {

        /** The answer of a refused handshake. */
        public static HandshakeAnswer refused(WireError failure) {
            return new HandshakeAnswer(HandshakeRequest.VERSION, failure, null);
        }

        /** The answer of an accepted handshake. */
        public static HandshakeAnswer accepted(Opened opened) {
            return new HandshakeAnswer(HandshakeRequest.VERSION, null, opened);
        }
    }

    /** A command; the reply carries the same correlation id. */
    record CommandFrame(long correlationId, Command<?> command) implements Frame {
    }

    /**
     * The outcome of one command: when {@code failure} is null, {@code answer} of the type the command declares
     * ({@code type}), else the failure (and no type).
     */
    record Reply(long correlationId, Answer<?> type, Object answer, WireError failure) implements Frame {

        /** The reply to a command that was carried out. */
        public static <A> Reply answered(long correlationId, Answer<A> type, A answer) {
            return new Reply(correlationId, type, answer, null);
        }

        /** The reply to a command that failed or was refused. */
        public static Reply failed(long correlationId, WireError failure) {
            return new Reply(correlationId, null, null, failure);
        }
    }

    /**
     * A send the broker does not answer; the body is a command, which must be a {@link Command.Send}. The client keeps
     * within the window of {@link SendWindowLimits}.
     */
    record OneWaySend(Command.Send send) implements Frame {
    }

    /**
     * An acknowledgement nobody waits for (AUTO_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, deliveries the application never
     * saw): carried out in its turn among the connection's commands, answered only if it fails. It needs no window:
     * the client never waited for these acknowledgements' replies either.
     */
    record OneWayAcknowledge(Command.Acknowledge acknowledge) implements Frame {
    }

    /** A {@link OneWayAcknowledge} failed on the broker; the connection stays open. */
    record AcknowledgeFailure(WireError reason) implements Frame {
    }

    /** The broker processed {@code sends} more one-way sends, weighing {@code bytes} (see {@link SendWindowLimits}). */
    record SendsProcessed(int sends, long bytes) implements Frame {
    }

    /** A one-way send of a non-transacted session failed on the broker; the connection stays open. */
    record SendFailure(WireError reason) implements Frame {
    }

    /** A message for one of the connection's consumers. */
    record DeliveryFrame(Delivery delivery) implements Frame {
    }

    /** Sent when nothing else was written for a while, so the peer knows this side lives. */
    record Heartbeat() implements Frame {
    }

    /** The server ends the connection for {@code reason}; the channel closes right after. */
    record ConnectionFailure(WireError reason) implements Frame {
    }

    /** Bytes that are not a valid frame; the channel they came from is closed. */
    record Malformed(String reason) implements Frame {
    }

    /**
     * A well-formed command, one-way send or one-way acknowledgement (then {@code correlationId} is 0) holding a value
     * the protocol does not allow ({@link dev.gannet.protocol.CommandValidator}). It never reaches the broker: the
     * server answers it with {@code reason}, and the connection stays open. Like {@link Malformed}, it never travels.
     */
    record Invalid(long correlationId, boolean oneWay, Command<?> command, JMSException reason) implements Frame {
    }
}
