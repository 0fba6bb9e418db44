package dev.gannet.broker;

import java.util.Objects;

/**
 * The security parts a broker is built with: who connections are ({@link Authenticator}), what they may do
 * ({@link Authorizer}), and whether the broker sets {@code JMSXUserID} of every sent message to its sender's user.
 * {@link #NONE} is the broker without security: nobody logs in, everything is permitted, at no cost per command.
 *
 * @param authenticator logs connections in as they open
 * @param authorizer    permits or refuses each command at the command gate
 * @param setsUserId    whether the broker overwrites {@code JMSXUserID} of every sent message with the authenticated
 *                      user of the connection that sent it
 */
public record BrokerSecurity(Authenticator authenticator, Authorizer authorizer, boolean setsUserId) {

    /** No security. */
    public static final BrokerSecurity NONE = new BrokerSecurity(Authenticator.NONE, Authorizer.ALLOW_ALL, false);

    public BrokerSecurity {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(authorizer, "authorizer");
    }

    /** Whether connections log in when they open; false for {@link Authenticator#NONE}. */
    public boolean authenticates() {
        return authenticator != Authenticator.NONE;
    }

    /**
     * Builds a broker's security parts as the broker starts, on the broker's own timer (reloads, delayed refusals).
     */
    @FunctionalInterface
    public interface Factory {

        /**
         * The parts; the broker closes the authenticator when it stops, or when its start fails after this call.
         *
         * @throws IllegalArgumentException if the configuration they are built from is wrong (a file missing,
         *                                  unreadable, or holding a plain-text password): the broker does not start
         */
        BrokerSecurity create(BrokerTimer timer);
    }
}
