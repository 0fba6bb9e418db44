package dev.gannet.security;

import dev.gannet.broker.Authenticator;
import dev.gannet.broker.BrokerTimer;
import dev.gannet.log.ThrottledLog;
import jakarta.jms.JMSSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.login.LoginException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The authenticator of a {@link dev.gannet.api.SecurityConfig}. A connection that gives a user name logs in with its
 * password: by the users file if it holds the user, else by the JAAS login if one is configured. A connection that
 * gives no user name (null or empty) logs in by its client certificate if it presented one and certificate users are
 * configured, else as the default user if there is one. Everything else is refused with a
 * {@link JMSSecurityException} naming the user, never the password, and the same for an unknown user and a wrong
 * password.
 *
 * <p>Password checks (PBKDF2 is slow on purpose; a login module may wait for a server) run on the {@code logins}
 * executor, never on the thread that asks. A refusal is logged without secrets and answered only after the
 * {@link LoginThrottle}'s delay for its source address, on the broker's timer; good logins are answered at once.
 */
final class ConfiguredAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredAuthenticator.class);

    /**
     * Where users come from; any may be absent (null).
     *
     * @param users        the users file as last read
     * @param jaas         the JAAS login for users the users file does not hold
     * @param certificates the certificate users file as last read
     * @param defaultUser  the user of connections that give no user name
     */
    record Sources(Supplier<UsersFile> users, JaasLogin jaas, Supplier<CertificateUsers> certificates,
                   String defaultUser) {
    }

    /** Why a login was refused: what the client hears, and what the log says besides. */
    private static final class Refusal extends RuntimeException {
        final JMSSecurityException answer;
        final boolean counts;

        Refusal(String answer, String logged, boolean counts) {
            super(logged, null, false, false);
            this.answer = new JMSSecurityException(answer);
            this.counts = counts;
        }
    }

    /** What an unknown user's password is checked against, so its refusal takes as long as a wrong password's. */
    private static final PasswordHash NOBODY = PasswordHash.of(new char[0], PasswordHash.DEFAULT_ITERATIONS);

    private final String brokerName;
    private final Sources sources;
    private final LoginThrottle throttle;
    private final ExecutorService logins;
    private final BrokerTimer timer;
    private final ThrottledLog warnings;

    ConfiguredAuthenticator(String brokerName, Sources sources, LoginThrottle throttle, ExecutorService logins,
                            BrokerTimer timer, ThrottledLog warnings) {
        this.brokerName = brokerName;
        this.sources = sources;
        this.throttle = throttle;
        this.logins = logins;
        this.timer = timer;
        this.warnings = warnings;
    }

    @Override
    public CompletableFuture<Login> authenticate(Credentials credentials) {
        String user = credentials.user();
        CompletableFuture<Login> login;
        if (user != null && !user.isEmpty()) {
            char[] password = credentials.password() == null ? new char[0] : credentials.password().toCharArray();
            try {
                login = CompletableFuture.supplyAsync(() -> passwordLogin(user, password), logins);
            } catch (RejectedExecutionException e) {
                login = CompletableFuture.failedFuture(new Refusal("Login of user '" + user + "' refused: broker "
                        + brokerName + " has too many logins in progress; try again later", "too many logins in"
                        + " progress", false));
            }
        } else {
            try {
                login = CompletableFuture.completedFuture(loginWithoutName(credentials));
            } catch (Refusal refusal) {
                login = CompletableFuture.failedFuture(refusal);
            }
        }
        return login.handle((done, failure) -> done != null ? loggedIn(credentials, done) : refused(credentials,
                failure)).thenCompose(outcome -> outcome);
    }

    /** Runs on the login executor. */
    private Login passwordLogin(String user, char[] password) {
        try {
            UsersFile users = sources.users() == null ? null : sources.users().get();
            PasswordHash hash = users == null ? null : users.hashOf(user);
            if (hash != null) {
                if (hash.matches(password)) {
                    return Login.of(user);
                }
                throw wrongCredentials(user, "wrong password");
            }
            if (sources.jaas() != null) {
                try {
                    return sources.jaas().login(user, password);
                } catch (LoginException e) {
                    throw wrongCredentials(user, "JAAS login failed: " + e.getMessage());
                } catch (RuntimeException e) { // a login module that broke: the operator must hear of it
                    LOG.error("Broker {}: the JAAS login of user '{}' failed", brokerName, user, e);
                    throw wrongCredentials(user, "JAAS login failed: " + e);
                }
            }
            NOBODY.matches(password);
            throw wrongCredentials(user, "unknown user");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Refusal wrongCredentials(String user, String logged) {
        return new Refusal("Login of user '" + user + "' refused: unknown user or wrong password", logged, true);
    }

    private Login loginWithoutName(Credentials credentials) {
        X509Certificate certificate = credentials.peer().certificate();
        if (certificate != null && sources.certificates() != null) {
            String subject = certificate.getSubjectX500Principal().getName();
            String user = sources.certificates().get().userOf(certificate);
            if (user == null) {
                throw new Refusal("Login by client certificate " + subject + " refused: it is not the certificate of"
                        + " a user", "no certificate user matches", true);
            }
            return Login.of(user);
        }
        if (sources.defaultUser() != null) {
            return Login.of(sources.defaultUser());
        }
        throw new Refusal("Login refused: no user name given, and broker " + brokerName + " has no default user",
                "no user name given", true);
    }

    /** Who tried to log in, for log lines and messages: {@code user 'alice'}, or that no user name was given. */
    private static String who(Credentials credentials) {
        String user = credentials.user();
        return user == null || user.isEmpty() ? "a connection without a user name" : "user '" + user + "'";
    }

    private CompletableFuture<Login> loggedIn(Credentials credentials, Login login) {
        throttle.succeeded(LoginThrottle.host(credentials.peer().address()));
        LOG.debug("Broker {}: user '{}' logged in from {}", brokerName, login.user(), credentials.peer());
        return CompletableFuture.completedFuture(login);
    }

    /** Logs a refusal and answers it after the delay of its source address. */
    private CompletableFuture<Login> refused(Credentials credentials, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Refusal refusal = cause instanceof Refusal r ? r : new Refusal("Login of " + who(credentials)
                + " refused: the broker failed to check it", String.valueOf(cause), false);
        if (!(cause instanceof Refusal)) {
            LOG.error("Broker {}: checking the login of {} failed", brokerName, who(credentials), cause);
        }
        String host = LoginThrottle.host(credentials.peer().address());
        if (!refusal.counts) {
            warnings.warn(LOG, "Broker {}: login of {} from {} refused: {}", brokerName, who(credentials),
                    credentials.peer(), refusal.getMessage());
            return CompletableFuture.failedFuture(refusal.answer);
        }
        long delay = throttle.failed(host);
        int failures = throttle.failures(host);
        String format = "Broker {}: login of {} from {} refused: {} (failure {} from {}; answered in {} ms)";
        Object[] args = {brokerName, who(credentials), credentials.peer(), refusal.getMessage(), failures, host,
                delay};
        if (failures <= 1) {
            LOG.warn(format, args);
        } else {
            warnings.warn(LOG, format, args);
        }
        CompletableFuture<Login> answer = new CompletableFuture<>();
        try {
            timer.schedule(() -> answer.completeExceptionally(refusal.answer), delay);
        } catch (RejectedExecutionException e) { // the broker is stopping: no reason to wait
            answer.completeExceptionally(refusal.answer);
        }
        return answer;
    }

    /** Stops the login threads; logins in progress are dropped. */
    @Override
    public void close() {
        logins.shutdownNow();
    }
}
