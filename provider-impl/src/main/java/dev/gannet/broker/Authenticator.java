package dev.gannet.broker;

import dev.gannet.protocol.Peer;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Decides who a connection is as it opens: the broker asks it with the user name and password of the connection's
 * {@link dev.gannet.protocol.Command.Open} and the connection's {@link Peer} (its address, and its client certificate
 * on TLS with client authentication). The broker takes one by construction ({@link BrokerSecurity}); {@link #NONE},
 * the default, logs nobody in and lets every connection through as an anonymous one.
 *
 * <p>Called on the thread that hands the command over (a transport's): it must answer at once and do any slow work
 * (hashing a password, asking a login module) elsewhere, never blocking that thread. The broker closes it when it
 * stops.
 */
public interface Authenticator extends AutoCloseable {

    /** No authentication: every connection is let in, anonymous (its identity has no user). */
    Authenticator NONE = credentials -> CompletableFuture.completedFuture(Login.ANONYMOUS);

    /**
     * Logs {@code credentials} in.
     *
     * @return completes with who logged in, or exceptionally with a {@link jakarta.jms.JMSSecurityException} whose
     *         message names the user (never the password) when the credentials are refused
     */
    CompletableFuture<Login> authenticate(Credentials credentials);

    /** Releases what the authenticator holds (threads, files); the broker calls it once, when it stops. */
    @Override
    default void close() {
    }

    /**
     * What a connection presents as it opens.
     *
     * @param user     the user name the client gave, or null for none
     * @param password the password the client gave, or null for none
     * @param peer     where the connection comes from
     */
    record Credentials(String user, String password, Peer peer) {

        /** Names the user and the peer, never the password. */
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", peer=" + peer + "]";
        }
    }

    /**
     * Who logged in.
     *
     * @param user  the authenticated user; null only for {@link #ANONYMOUS}
     * @param roles the roles the login itself granted (a JAAS login's role principals), kept for the connection; null
     *              when the user's roles are looked up afresh in the roles file ({@link Roles})
     */
    record Login(String user, Set<String> roles) {

        /** Nobody: the login of every connection to a broker without authentication. */
        public static final Login ANONYMOUS = new Login(null, null);

        public Login {
            roles = roles == null ? null : Set.copyOf(roles);
        }

        /** {@code user}, whose roles the roles file lists. */
        public static Login of(String user) {
            return new Login(user, null);
        }
    }
}
