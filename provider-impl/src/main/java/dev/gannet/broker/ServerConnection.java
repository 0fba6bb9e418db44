package dev.gannet.broker;

import dev.gannet.log.ThrottledLog;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.ClientEndpoint;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.CommandValidator;
import dev.gannet.protocol.Opened;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.message.MessageCodec;
import dev.gannet.selector.Selector;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection inside the broker. {@link #handle} (answered commands) and {@link #post} (one-way sends) are
 * the broker's entry points for commands, whatever transport carried them. Transports hand over a connection's
 * commands in the order the client made them (tcp: one at a time on the connection's lane; vm: on the thread that
 * made them), so an answered command is carried out after every earlier one-way send of the same session.
 */
public final class ServerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    /** The property the broker sets to the sender's user when its security says so (spec 3.5.9). */
    private static final String USER_ID = "JMSXUserID";

    final ClientEndpoint endpoint;
    private final ConnectionParts parts;
    private final Connections connections;
    private final ThrottledLog warnings;
    private final long id;
    /** When the connection was opened, in epoch milliseconds. */
    private final long created = System.currentTimeMillis();
    private final Map<Integer, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Set<GannetDestination> temporaries = ConcurrentHashMap.newKeySet();
    /** Who this connection is (its client ID too), for the command gate; replaced when its client ID is set. */
    private volatile ConnectionIdentity identity;
    private final Command.Handler dispatch = new Dispatch();
    /** Set once, by whichever closes first: the connection's lane, or management on its own thread. */
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Whether the connection may carry out commands: it has logged in ({@link Command.Open} succeeded), or the broker
     * does not authenticate. Set once, from false to true.
     */
    private volatile boolean loggedIn;
    /** Orders a login that completes (and claims the client ID) against a close that releases the client ID. */
    private final Object loginLock = new Object();
    /** Whether {@link Command.Open} has begun to log the connection in; set once, on the transport's thread. */
    private volatile boolean opening;
    /** Whether the client started the connection: only then do its consumers get messages (spec 6.1.4). */
    private volatile boolean started;

    ServerConnection(ConnectionParts parts, Connections connections, long id, ClientEndpoint endpoint) {
        this.parts = parts;
        this.connections = connections;
        this.warnings = parts.warnings();
        this.id = id;
        this.endpoint = endpoint;
        this.identity = ConnectionIdentity.anonymous(id);
        this.loggedIn = parts.authenticator() == Authenticator.NONE;
    }

    ConnectionIdentity identity() {
        return identity;
    }

    String clientId() {
        return identity.clientId();
    }

    long id() {
        return id;
    }

    boolean isStarted() {
        return started;
    }

    long created() {
        return created;
    }

    int sessionCount() {
        return sessions.size();
    }

    int consumerCount() {
        int count = 0;
        for (ServerSession session : sessions.values()) {
            count += session.consumers().size();
        }
        return count;
    }

    /**
     * Carries out one command. The future completes with the command's answer, or exceptionally with the
     * {@link JMSException} the spec names for what went wrong; a command that breaks a rule of the protocol
     * ({@link CommandValidator}), or that the broker's {@link Authorizer} does not permit ({@link CommandGate}), is
     * refused before anything is done.
     */
    public <A> CompletableFuture<A> handle(Command<A> command) {
        try {
            if (closed.get() && !(command instanceof Command.Close)) {
                throw new jakarta.jms.IllegalStateException("Connection " + this + " is closed");
            }
            CommandValidator.check(command);
            if (!loggedIn && !(command instanceof Command.Open) && !(command instanceof Command.Close)) {
                throw new JMSSecurityException("Connection " + this + " has not logged in");
            }
            parts.gate().check(identity, command);
            return command.applyTo(dispatch);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            JMSException failure = new JMSException("Broker failed on " + command.getClass().getSimpleName()
                    + ": " + e);
            failure.initCause(e);
            return CompletableFuture.failedFuture(failure);
        }
    }

    /**
     * Carries out a one-way send: nothing is answered, and no failure is dropped. In a transacted session the first
     * failure is kept until the session's next {@link Command.Commit}, which then rolls back and fails with a
     * {@link TransactionRolledBackException} naming it (a transacted send is staged or refused before this call
     * returns, so its failure is recorded before any later command of the session runs). In any other session the
     * failure is logged and reported to the client through {@link ClientEndpoint#sendFailed}.
     *
     * @return completes, never exceptionally, once the send is done: a transport counts it against the client's
     *         flow-control window then
     */
    public CompletableFuture<Void> post(Command.Send send) {
        return completeOneWay(send, handle(send));
    }

    /**
     * Refuses a one-way send a transport found invalid, as {@link #post} refuses a failed one: the session's next
     * commit rolls back with {@code reason}, or the client hears it through {@link ClientEndpoint#sendFailed}.
     */
    public CompletableFuture<Void> refuse(Command.Send send, JMSException reason) {
        return completeOneWay(send, CompletableFuture.failedFuture(reason));
    }

    private CompletableFuture<Void> completeOneWay(Command.Send send, CompletableFuture<Void> outcome) {
        return outcome.handle((ignored, failure) -> {
            if (failure != null) {
                oneWaySendFailed(send, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            return null;
        });
    }

    private void oneWaySendFailed(Command.Send send, Throwable cause) {
        String reason = "a send to " + describe(send.message() == null ? null : send.message().destination())
                + " failed: " + cause.getMessage();
        ServerSession session = sessions.get(send.sessionId());
        Transaction transaction = session == null ? null : session.currentTransaction();
        if (transaction != null && transaction.markRollbackOnly(reason, cause)) {
            LOG.debug("Connection {}: {}; session {} will roll back at commit", this, reason, send.sessionId());
            return;
        }
        warnings.warn(LOG, "Connection {}, session {}: {}", this, send.sessionId(), reason);
        JMSException notice = new JMSException("Session " + send.sessionId() + ": " + reason,
                cause instanceof JMSException jms ? jms.getErrorCode() : null);
        notice.initCause(cause);
        if (cause instanceof Exception linked) {
            notice.setLinkedException(linked);
        }
        endpoint.sendFailed(notice);
    }

    private static String describe(GannetDestination destination) {
        if (destination == null) {
            return "no destination";
        }
        String kind = switch (destination.kind()) {
            case QUEUE -> "queue";
            case TOPIC -> "topic";
            case TEMPORARY_QUEUE -> "temporary queue";
            case TEMPORARY_TOPIC -> "temporary topic";
        };
        return kind + " " + destination.name();
    }

    /**
     * Carries out each kind of command; {@link #handle} has checked it first. Each method answers the type its command
     * declares.
     */
    private final class Dispatch implements Command.Handler {

        @Override
        public CompletableFuture<Opened> handle(Command.Open open) throws JMSException {
            Authenticator authenticator = parts.authenticator();
            Opened opened = new Opened(parts.setsUserId());
            if (authenticator == Authenticator.NONE) {
                if (open.clientId() != null) {
                    setClientId(open.clientId());
                }
                return done(opened);
            }
            if (loggedIn || opening) {
                throw new jakarta.jms.IllegalStateException("Connection " + ServerConnection.this
                        + " is open already");
            }
            opening = true;
            return authenticator.authenticate(new Authenticator.Credentials(open.user(), open.password(),
                    endpoint.peer())).thenApply(login -> {
                        synchronized (loginLock) { // a close meanwhile must not leave the client ID claimed
                            try {
                                if (closed.get()) {
                                    throw new jakarta.jms.IllegalStateException("Connection " + ServerConnection.this
                                            + " is closed");
                                }
                                identity = identity.loggedIn(login);
                                if (open.clientId() != null) {
                                    setClientId(open.clientId());
                                }
                            } catch (JMSException e) {
                                throw new CompletionException(e);
                            }
                            loggedIn = true;
                            return opened;
                        }
                    }).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            close(); // a connection that did not log in goes: it can do nothing else
                        }
                    });
        }

        @Override
        public CompletableFuture<Void> handle(Command.SetClientId set) throws JMSException {
            setClientId(set.clientId());
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Close close) {
            close();
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Start start) {
            started = true;
            sessions.values().forEach(ServerSession::creditChanged);
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Stop stop) {
            started = false;
            return done(null);
        }

        @Override
        public CompletableFuture<Long> handle(Command.ReturnPrefetched returned) throws JMSException {
            return done(session(returned.sessionId()).returnPrefetched(returned.deliveredIds()));
        }

        @Override
        public CompletableFuture<Void> handle(Command.CreateSession create) throws JMSException {
            if (sessions.containsKey(create.sessionId())) {
                throw sessionExists(create.sessionId());
            }
            ServerSession session = new ServerSession(parts, ServerConnection.this, create.sessionId(),
                    create.transacted());
            if (sessions.putIfAbsent(create.sessionId(), session) != null) {
                session.close(List.of()); // rolls back the transaction it began
                throw sessionExists(create.sessionId());
            }
            if (closed.get()) { // the connection closed while the session was made: it goes with it
                sessions.remove(create.sessionId());
                session.close(List.of());
                throw new jakarta.jms.IllegalStateException("Connection " + ServerConnection.this + " is closed");
            }
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.CloseSession close) {
            ServerSession session = sessions.remove(close.sessionId());
            if (session != null) {
                session.close(close.deliveredIds());
            }
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.CreateConsumer create) throws JMSException {
            ServerSession session = session(create.sessionId());
            session.requireNewConsumerId(create.consumerId());
            session.createConsumer(create);
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.CloseConsumer close) throws JMSException {
            ServerSession session = session(close.sessionId());
            session.closeConsumer(session.consumer(close.consumerId()), close.deliveredIds());
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Credit credit) throws JMSException {
            ServerConsumer consumer = session(credit.sessionId()).consumer(credit.consumerId());
            consumer.release(credit.count());
            consumer.queue.creditChanged();
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Send send) throws JMSException {
            OutboundMessage message = send.message();
            if (parts.setsUserId()) {
                message = withUserId(message);
            }
            return parts.postOffice().send(session(send.sessionId()), message);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Acknowledge ack) throws JMSException {
            return session(ack.sessionId()).acknowledge(ack.deliveryIds());
        }

        @Override
        public CompletableFuture<Long> handle(Command.Recover recover) throws JMSException {
            return done(session(recover.sessionId()).recover(recover.deliveredIds()));
        }

        @Override
        public CompletableFuture<Void> handle(Command.Commit commit) throws JMSException {
            return session(commit.sessionId()).commit(commit.deliveredIds());
        }

        @Override
        public CompletableFuture<Long> handle(Command.Rollback rollback) throws JMSException {
            return done(session(rollback.sessionId()).rollback(rollback.deliveredIds()));
        }

        @Override
        public CompletableFuture<GannetDestination> handle(Command.CreateTemporary create) throws JMSException {
            GannetDestination temporary = parts.registry().createTemporary(ServerConnection.this, create.topic());
            temporaries.add(temporary);
            return done(temporary);
        }

        @Override
        public CompletableFuture<Void> handle(Command.DeleteTemporary delete) throws JMSException {
            parts.registry().deleteTemporary(ServerConnection.this, delete.destination());
            temporaries.remove(delete.destination());
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.CheckDestination check) throws JMSException {
            parts.registry().checkDestination(check.destination());
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.Unsubscribe unsubscribe) throws JMSException {
            parts.subscriptions().unsubscribe(ServerConnection.this, unsubscribe.name());
            return done(null);
        }

        @Override
        public CompletableFuture<List<byte[]>> handle(Command.Browse browse) throws JMSException {
            ServerSession session = session(browse.sessionId());
            // null for an empty selector: browsing everything decodes nothing
            Selector selector = Selector.isEmpty(browse.selector()) ? null : Selector.parse(browse.selector());
            return done(session.browse(browse.browseId(),
                    parts.registry().queueFor(browse.queue()).queue().browse(selector), browse.firstPage()));
        }

        @Override
        public CompletableFuture<List<byte[]>> handle(Command.BrowseNext next) throws JMSException {
            return done(session(next.sessionId()).browseNext(next.browseId()));
        }

        @Override
        public CompletableFuture<Void> handle(Command.CloseBrowse close) throws JMSException {
            session(close.sessionId()).closeBrowse(close.browseId());
            return done(null);
        }

        // XA: the resource manager carries out the XAResource rules; the failures carry XA error codes (XaError)

        @Override
        public CompletableFuture<Void> handle(Command.XaStart start) throws JMSException {
            parts.resourceManager().start(session(start.sessionId()), start.xid(), start.flags(),
                    start.timeoutSeconds());
            return done(null);
        }

        @Override
        public CompletableFuture<Void> handle(Command.XaEnd end) throws JMSException {
            parts.resourceManager().end(session(end.sessionId()), end.xid(), end.flags(), end.deliveredIds());
            return done(null);
        }

        @Override
        public CompletableFuture<Integer> handle(Command.XaPrepare prepare) throws JMSException {
            return parts.resourceManager().prepare(prepare.xid());
        }

        @Override
        public CompletableFuture<Void> handle(Command.XaCommit commit) throws JMSException {
            return parts.resourceManager().commit(commit.xid(), commit.onePhase());
        }

        @Override
        public CompletableFuture<Void> handle(Command.XaRollback rollback) throws JMSException {
            return parts.resourceManager().rollback(rollback.xid());
        }

        @Override
        public CompletableFuture<Void> handle(Command.XaForget forget) throws JMSException {
            parts.resourceManager().forget(forget.xid());
            return done(null);
        }

        @Override
        public CompletableFuture<List<BranchId>> handle(Command.XaRecover recover) {
            return done(parts.resourceManager().recover());
        }
    }

    /** {@code message} with its {@code JMSXUserID} the connection's user, whatever the client put there. */
    private OutboundMessage withUserId(OutboundMessage message) throws JMSException {
        byte[] stamped = MessageCodec.withStringProperty(message.encoded(), USER_ID, identity.user());
        return new OutboundMessage(message.destination(), message.persistent(), message.priority(),
                message.expiration(), message.deliveryTime(), message.groupId(), stamped);
    }

    private static <A> CompletableFuture<A> done(A answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private jakarta.jms.IllegalStateException sessionExists(int sessionId) {
        return new jakarta.jms.IllegalStateException("Session " + this + ":" + sessionId
                + " exists already; a session id is used once per connection");
    }

    private ServerSession session(int sessionId) throws JMSException {
        ServerSession session = sessions.get(sessionId);
        if (session == null) {
            throw new jakarta.jms.IllegalStateException("Session " + this + ":" + sessionId + " is closed");
        }
        return session;
    }

    private void setClientId(String requested) throws JMSException {
        String clientId = identity.clientId();
        if (clientId != null) {
            throw new jakarta.jms.IllegalStateException("Connection " + this + " already has client ID " + clientId);
        }
        parts.clientIds().claim(requested);
        identity = identity.withClientId(requested);
    }

    /**
     * Ends the connection: sessions the client did not close return their messages as redelivered, temporary
     * destinations are deleted and the client ID is free again. Idempotent.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        started = false;
        for (ServerSession session : List.copyOf(sessions.values())) {
            sessions.remove(session.id);
            session.close(null);
        }
        for (GannetDestination temporary : List.copyOf(temporaries)) {
            parts.registry().dropTemporary(temporary);
        }
        temporaries.clear();
        synchronized (loginLock) {
            String clientId = identity.clientId();
            if (clientId != null) {
                parts.clientIds().release(clientId);
            }
        }
        connections.closed(this);
    }

    @Override
    public String toString() {
        String clientId = identity.clientId();
        return clientId != null ? clientId + "(" + id + ")" : String.valueOf(id);
    }
}
