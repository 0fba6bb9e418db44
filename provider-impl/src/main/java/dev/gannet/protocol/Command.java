package dev.gannet.protocol;

import dev.gannet.message.GannetDestination;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a client asks of the broker. Every transport carries exactly these values; the broker has one code
 * path for them. Ids nest: a connection holds sessions ({@code sessionId}), a session holds consumers
 * ({@code consumerId}) and deliveries ({@code deliveryId}, unique within the session).
 *
 * <p>Each command declares the type of its answer, {@code A} ({@link Void} for the commands that answer nothing), in
 * three places the compiler holds together: its {@link Answer}, the {@link Handler} method that carries it out, and so
 * what {@link BrokerLink#request} answers for it. A new command is a record here, a method in {@link Handler} and a
 * wire form in each transport.
 *
 * @param <A> the type of the command's answer
 */
public sealed interface Command<A> {

    /** The type of this command's answer. */
    Answer<A> answer();

    /**
     * Carries out this command with the {@link Handler} method for its kind.
     *
     * @throws JMSException as that method throws
     */
    CompletableFuture<A> applyTo(Handler handler) throws JMSException;

    /**
     * Carries out commands, one method for each kind: what the broker implements. Each method answers the type its
     * command declares; it may throw the {@link JMSException} the spec names for what the command broke, or complete
     * its future with one.
     */
    interface Handler {

        CompletableFuture<Opened> handle(Open command) throws JMSException;

        CompletableFuture<Void> handle(SetClientId command) throws JMSException;

        CompletableFuture<Void> handle(Close command) throws JMSException;

        CompletableFuture<Void> handle(Start command) throws JMSException;

        CompletableFuture<Void> handle(Stop command) throws JMSException;

        CompletableFuture<Long> handle(ReturnPrefetched command) throws JMSException;

        CompletableFuture<Void> handle(CreateSession command) throws JMSException;

        CompletableFuture<Void> handle(CloseSession command) throws JMSException;

        CompletableFuture<Void> handle(CreateConsumer command) throws JMSException;

        CompletableFuture<Void> handle(CloseConsumer command) throws JMSException;

        CompletableFuture<Void> handle(Credit command) throws JMSException;

        CompletableFuture<Void> handle(Send command) throws JMSException;

        CompletableFuture<Void> handle(Acknowledge command) throws JMSException;

        CompletableFuture<Long> handle(Recover command) throws JMSException;

        CompletableFuture<Void> handle(Commit command) throws JMSException;

        CompletableFuture<Long> handle(Rollback command) throws JMSException;

        CompletableFuture<GannetDestination> handle(CreateTemporary command) throws JMSException;

        CompletableFuture<Void> handle(DeleteTemporary command) throws JMSException;

        CompletableFuture<Void> handle(CheckDestination command) throws JMSException;

        CompletableFuture<Void> handle(Unsubscribe command) throws JMSException;

        CompletableFuture<List<byte[]>> handle(Browse command) throws JMSException;

        CompletableFuture<List<byte[]>> handle(BrowseNext command) throws JMSException;

        CompletableFuture<Void> handle(CloseBrowse command) throws JMSException;

        CompletableFuture<Void> handle(XaStart command) throws JMSException;

        CompletableFuture<Void> handle(XaEnd command) throws JMSException;

        CompletableFuture<Integer> handle(XaPrepare command) throws JMSException;

        CompletableFuture<Void> handle(XaCommit command) throws JMSException;

        CompletableFuture<Void> handle(XaRollback command) throws JMSException;

        CompletableFuture<Void> handle(XaForget command) throws JMSException;

        CompletableFuture<List<BranchId>> handle(XaRecover command) throws JMSException;
    }

    /**
     * First command on a connection: logs it in with {@code user} and {@code password} (refused with a
     * {@link jakarta.jms.JMSSecurityException} naming the user) and sets its client ID. Its {@code toString} hides the
     * password.
     */
    record Open(String clientId, String user, String password) implements Command<Opened> {
        @Override
        public Answer<Opened> answer() {
            return Answer.OPENED;
        }

        @Override
        public String toString() {
            return "Open[clientId=" + clientId + ", user=" + user + "]";
        }

        @Override
        public CompletableFuture<Opened> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Sets the client ID after opening (Connection.setClientID). Answered with a JMSException if taken. */
    record SetClientId(String clientId) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Ends the connection: closes everything it still holds and deletes its temporary destinations. */
    record Close() implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Connection.start: from now on the broker hands messages to this connection's consumers, up to their prefetch
     * window. A connection is created stopped (spec 6.1.4).
     */
    record Start() implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Connection.stop: the broker hands nothing more to this connection's consumers. Messages sent ahead stay with
     * their sessions until each returns them with {@link ReturnPrefetched}.
     */
    record Stop() implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * After {@link Stop}: every message sent to the session and not handed to the application (not listed in
     * {@code deliveredIds}) returns to its destination, unchanged and in its original place, for other consumers.
     * Answers the session's new delivery generation, as {@link Recover} does.
     */
    record ReturnPrefetched(int sessionId, List<Long> deliveredIds) implements Command<Long> {
        @Override
        public Answer<Long> answer() {
            return Answer.GENERATION;
        }

        @Override
        public CompletableFuture<Long> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    record CreateSession(int sessionId, boolean transacted) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Closes a session: its delivered, unacknowledged messages return to their destinations, those listed in
     * {@code deliveredIds} (handed to the application) marked redelivered; staged transactional work is dropped.
     */
    record CloseSession(int sessionId, List<Long> deliveredIds) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Creates a consumer. For a topic, {@code subscription} says which subscription it reads from.
     * {@code prefetch} is the number of messages the broker may send ahead of the application.
     */
    record CreateConsumer(int sessionId, int consumerId, GannetDestination destination, String selector,
                          boolean noLocal, SubscriptionSpec subscription, int prefetch) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Closes a consumer. Messages sent to it but never handed to the application return to the destination
     * unchanged; those in {@code deliveredIds} stay with the session until acknowledged, recovered or rolled back.
     */
    record CloseConsumer(int sessionId, int consumerId, List<Long> deliveredIds) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Returns {@code count} prefetch credits to a consumer whose application took that many messages. */
    record Credit(int sessionId, int consumerId, int count) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Sends one message; in a transacted session it is staged until commit. */
    record Send(int sessionId, OutboundMessage message) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Acknowledges deliveries of a non-transacted session. */
    record Acknowledge(int sessionId, List<Long> deliveryIds) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Session.recover and the redelivery after a listener failed: every message the session holds unacknowledged
     * returns to its destination, those listed in {@code deliveredIds} marked redelivered. Answers the session's
     * new delivery generation; deliveries of older generations are to be discarded by the client.
     */
    record Recover(int sessionId, List<Long> deliveredIds) implements Command<Long> {
        @Override
        public Answer<Long> answer() {
            return Answer.GENERATION;
        }

        @Override
        public CompletableFuture<Long> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Commits a transacted session: staged sends become visible, {@code deliveredIds} are consumed. */
    record Commit(int sessionId, List<Long> deliveredIds) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Rolls back a transacted session; like {@link Recover} for received messages. Answers the new generation. */
    record Rollback(int sessionId, List<Long> deliveredIds) implements Command<Long> {
        @Override
        public Answer<Long> answer() {
            return Answer.GENERATION;
        }

        @Override
        public CompletableFuture<Long> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Creates a temporary queue or topic owned by this connection; answers its {@link GannetDestination}. */
    record CreateTemporary(boolean topic) implements Command<GannetDestination> {
        @Override
        public Answer<GannetDestination> answer() {
            return Answer.DESTINATION;
        }

        @Override
        public CompletableFuture<GannetDestination> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Deletes one of this connection's temporary destinations; refused while it has consumers. */
    record DeleteTemporary(GannetDestination destination) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Checks that a destination may be used by this connection (e.g. a temporary one still exists). */
    record CheckDestination(GannetDestination destination) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Deletes a durable subscription of this connection's client ID (or a shared one when no client ID). */
    record Unsubscribe(String name) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Begins the walk {@code browseId} of a queue browser's enumeration through {@code queue}, in delivery order, and
     * answers its first page of encoded messages, at most {@code firstPage} of them; {@link BrowseNext} answers the
     * following ones. An empty page is the end of the walk, and the broker forgets it then: so a {@code firstPage} of
     * 0 only checks that the queue may be browsed with the selector.
     */
    record Browse(int sessionId, int browseId, GannetDestination queue, String selector, int firstPage)
            implements Command<List<byte[]>> {
        @Override
        public Answer<List<byte[]>> answer() {
            return Answer.MESSAGES;
        }

        @Override
        public CompletableFuture<List<byte[]>> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Answers the next page of the walk {@code browseId} (see {@link Browse}); empty at its end. */
    record BrowseNext(int sessionId, int browseId) implements Command<List<byte[]>> {
        @Override
        public Answer<List<byte[]>> answer() {
            return Answer.MESSAGES;
        }

        @Override
        public CompletableFuture<List<byte[]>> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Ends the walk {@code browseId} before its end (its browser or enumeration is done with it). */
    record CloseBrowse(int sessionId, int browseId) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /*
     * XA (Jakarta Messaging "Distributed transactions", the XAResource javadoc). A session's work belongs to the
     * branch it is associated with between XaStart and XaEnd; outside one it works as a non-transacted session with
     * AUTO_ACKNOWLEDGE. Failures are JMSExceptions carrying the XAException error code (see XaError).
     */

    /**
     * Associates session {@code sessionId} with the branch {@code xid}: a new one ({@code TMNOFLAGS}), one under way
     * ({@code TMJOIN}) or one this session suspended ({@code TMRESUME}). A new branch that is not prepared within
     * {@code timeoutSeconds} of its start is rolled back by the broker (0: the broker's default timeout).
     */
    record XaStart(int sessionId, BranchId xid, int flags, int timeoutSeconds) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Ends the association of session {@code sessionId} with {@code xid}: {@code TMSUCCESS}, {@code TMFAIL} (the
     * branch can only roll back) or {@code TMSUSPEND}. {@code deliveredIds} are the deliveries the application
     * consumed while associated: they are consumed by the branch.
     */
    record XaEnd(int sessionId, BranchId xid, int flags, List<Long> deliveredIds) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /**
     * Prepares {@code xid}: once answered, its sends and acknowledgements are durable. Answers
     * {@code XAResource.XA_OK}, or {@code XAResource.XA_RDONLY} for a branch that did nothing (it is over then).
     */
    record XaPrepare(BranchId xid) implements Command<Integer> {
        @Override
        public Answer<Integer> answer() {
            return Answer.VOTE;
        }

        @Override
        public CompletableFuture<Integer> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Commits {@code xid}: a prepared branch, or with {@code onePhase} one that ended and was not prepared. */
    record XaCommit(BranchId xid, boolean onePhase) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Rolls {@code xid} back, prepared or not: its sends are dropped, what it consumed returns, redelivered. */
    record XaRollback(BranchId xid) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Forgets a heuristically completed branch {@code xid}. */
    record XaForget(BranchId xid) implements Command<Void> {
        @Override
        public Answer<Void> answer() {
            return Answer.NONE;
        }

        @Override
        public CompletableFuture<Void> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }

    /** Answers the branches prepared (or heuristically completed) in the broker, in the order they were prepared. */
    record XaRecover() implements Command<List<BranchId>> {
        @Override
        public Answer<List<BranchId>> answer() {
            return Answer.BRANCHES;
        }

        @Override
        public CompletableFuture<List<BranchId>> applyTo(Handler handler) throws JMSException {
            return handler.handle(this);
        }
    }
}
