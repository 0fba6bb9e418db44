package dev.gannet.broker;

import dev.gannet.api.Permissions;
import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.Peer;
import jakarta.jms.JMSSecurityException;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who may manage a broker: the one check every way in to management (remote JMX, the command-line tool, the web
 * console) makes before it calls {@link Administration}. An operator logs in with the broker's own
 * {@link Authenticator} — the users, JAAS login and default user of its connections, with the same delay after a
 * refused login — and is then asked, per operation, whether it holds the right {@code manage}
 * ({@link Permissions.Action#MANAGE}) through the broker's {@link Authorizer}:
 * <ul>
 * <li>on a queue, or a subscription of a topic: {@code manage} on that queue or topic (its pattern, as every
 * permission; a temporary one is looked up under {@value Permissions#TEMPORARY});</li>
 * <li>on the broker as a whole (its figures, its connections, listing destinations, creating and deleting queues):
 * {@code manage} on the name {@value Permissions#MANAGEMENT}, which {@code #} matches — as ActiveMQ Artemis asks
 * {@code manage} on its management address. So {@code security.permission.#.manage = admins} lets admins manage
 * everything, {@code security.permission.orders.#.manage = shop} lets shop manage the queues {@code orders.*} and
 * nothing broker-wide.</li>
 * </ul>
 * A broker without security ({@link Authenticator#NONE}, {@link Authorizer#ALLOW_ALL}) lets everyone log in,
 * anonymous, and manage everything. Thread-safe.
 */
public final class ManagementAccess {

    /** The connection number an operator's checks are made under: no connection has it. */
    private static final long NO_CONNECTION = 0;
    /** Longest a login may take; the authenticator answers a refusal after its delay, well within it. */
    private static final long LOGIN_TIMEOUT_SECONDS = 120;

    private final String brokerName;
    private final Authenticator authenticator;
    private final Authorizer authorizer;

    /**
     * @param brokerName    the broker's name, for messages
     * @param authenticator who operators are (the broker's connections' authenticator)
     * @param authorizer    what they may do (the broker's command gate's authorizer)
     */
    public ManagementAccess(String brokerName, Authenticator authenticator, Authorizer authorizer) {
        this.brokerName = Objects.requireNonNull(brokerName, "brokerName");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * Whether operators log in: false for a broker without authentication, whose operators are all anonymous (and,
     * without an authorizer, may manage everything).
     */
    public boolean logsIn() {
        return authenticator != Authenticator.NONE;
    }

    /**
     * Logs an operator in, waiting for the broker's authenticator (a refusal comes after the delay the broker puts on
     * refused logins from {@code from}). A broker that does not log in ({@link #logsIn()} false) lets in anyone,
     * anonymous, whatever the credentials.
     *
     * @param user     the user name; null or empty for none (the broker's default user, if it has one)
     * @param password the password; null for none
     * @param from     where the operator comes from, {@code host} or {@code host:port}, for logs and the delay of
     *                 refused logins
     * @throws JMSSecurityException naming the user (never the password) if the login is refused, or cannot be checked
     */
    public Operator login(String user, String password, String from) throws JMSSecurityException {
        CompletableFuture<Authenticator.Login> login = authenticator.authenticate(
                new Authenticator.Credentials(user, password, new Peer(from == null || from.isEmpty() ? "unknown"
                        : from, List.of())));
        try {
            return new Operator(brokerName, authorizer, login.get(LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JMSSecurityException refused) {
                throw refused;
            }
            throw refusal(user, "the broker failed to check it (" + e.getCause() + ")");
        } catch (TimeoutException e) {
            throw refusal(user, "the broker did not check it within " + LOGIN_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refusal(user, "interrupted while the broker checked it");
        }
    }

    private JMSSecurityException refusal(String user, String why) {
        return new JMSSecurityException("Management login of " + (user == null || user.isEmpty()
                ? "an operator without a user name" : "user '" + user + "'") + " to broker " + brokerName
                + " refused: " + why);
    }

    @Override
    public String toString() {
        return "ManagementAccess[broker " + brokerName + (logsIn() ? ", operators log in" : "") + "]";
    }

    /**
     * An operator who logged in: asks the broker's authorizer, at each check, whether its user may manage what an
     * operation acts on (so a changed roles file applies to the next check).
     */
    public static final class Operator {

        private final String brokerName;
        private final Authorizer authorizer;
        private final ConnectionIdentity identity;

        private Operator(String brokerName, Authorizer authorizer, Authenticator.Login login) {
            this.brokerName = brokerName;
            this.authorizer = authorizer;
            this.identity = new ConnectionIdentity(NO_CONNECTION, login.user(), null, login.roles());
        }

        /** The user logged in; null for an anonymous operator (a broker without authentication). */
        public String user() {
            return identity.user();
        }

        /** Whether this operator may manage {@code destination} (a queue, or the topic of a subscription). */
        public boolean mayManage(GannetDestination destination) {
            Objects.requireNonNull(destination, "destination");
            return authorizer.permits(identity, Authorizer.Action.MANAGE, destination, null);
        }

        /**
         * Whether this operator may carry out broker-wide operations: read the broker's figures, list destinations
         * and connections, close connections, create and delete queues.
         */
        public boolean mayManageBroker() {
            return authorizer.permits(identity, Authorizer.Action.MANAGE,
                    GannetDestination.of(DestinationKind.QUEUE, Permissions.MANAGEMENT), null);
        }

        /**
         * Refuses unless {@link #mayManage} {@code destination}.
         *
         * @throws SecurityException naming the user, the right and the destination
         */
        public void checkManage(GannetDestination destination) {
            if (!mayManage(destination)) {
                throw new SecurityException(this + " may not manage " + destination + " of broker " + brokerName
                        + ": that needs the right manage on it");
            }
        }

        /**
         * Refuses unless {@link #mayManageBroker}.
         *
         * @throws SecurityException naming the user and the right it lacks
         */
        public void checkManageBroker() {
            if (!mayManageBroker()) {
                throw new SecurityException(this + " may not manage broker " + brokerName + " as a whole: that needs"
                        + " the right manage on " + Permissions.MANAGEMENT + " (e.g. security.permission.#.manage)");
            }
        }

        /** {@code User alice}, or {@code Anonymous operator}. */
        @Override
        public String toString() {
            return identity.user() == null ? "Anonymous operator" : "User " + identity.user();
        }
    }
}
