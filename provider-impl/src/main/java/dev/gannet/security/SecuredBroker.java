package dev.gannet.security;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Authorizer;
import dev.gannet.broker.Broker;
import dev.gannet.broker.BrokerSecurity;
import dev.gannet.broker.BrokerTimer;
import dev.gannet.broker.Roles;
import dev.gannet.log.ThrottledLog;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Starts a broker with the security its configuration describes ({@link BrokerConfig#security()}): the one place a
 * {@link SecurityConfig} becomes a broker's {@link BrokerSecurity} — its authenticator (users file, JAAS, certificate
 * users, default user), the roles of its users and the authorizer of its permissions. The vm transport's broker
 * registry ({@code vm://}, {@code EmbeddedBroker}) and the standalone server start brokers here.
 */
public final class SecuredBroker {

    /** Threads that check passwords at once; more logins wait in a queue of {@link #LOGIN_QUEUE}. */
    private static final int LOGIN_THREADS = 2;
    /** Logins waiting for a thread beyond which new ones are refused at once (the broker is flooded). */
    private static final int LOGIN_QUEUE = 1_000;

    private SecuredBroker() {
    }

    /**
     * Starts the broker of {@code config}: with security when {@code config.security()} enables it, else as
     * {@link Broker#start(BrokerConfig)}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it if a security file is missing,
     *         unreadable or malformed, or the users file holds a plain-text password; or if security is enabled
     *         with no way to log in
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config) {
        if (!config.security().enabled()) {
            return Broker.start(config);
        }
        return Broker.start(config, timer -> security(config.name(), config.security(), timer));
    }

    /**
     * The security parts of an enabled {@code security}, reading its files now and on {@code timer} when they change.
     *
     * @throws IllegalArgumentException as {@link #start}
     */
    static BrokerSecurity security(String brokerName, SecurityConfig security, BrokerTimer timer) {
        if (security.usersFile() == null && security.jaas() == null && security.certificateUsersFile() == null
                && security.defaultUser() == null) {
            throw new IllegalArgumentException("Broker " + brokerName + " has security enabled but no way to log in:"
                    + " configure a users file, a JAAS login, a certificate users file or a default user");
        }
        long reload = security.reloadInterval().toMillis();
        Supplier<UsersFile> users = security.usersFile() == null ? null : new ReloadingFile<>(security.usersFile(),
                "Users file", bytes -> UsersFile.parse(bytes, security.usersFile()), timer, reload);
        Supplier<RolesFile> rolesFile = security.rolesFile() == null ? () -> RolesFile.EMPTY
                : new ReloadingFile<>(security.rolesFile(), "Roles file", RolesFile::parse, timer, reload);
        Supplier<CertificateUsers> certificates = security.certificateUsersFile() == null ? null
                : new ReloadingFile<>(security.certificateUsersFile(), "Certificate users file",
                CertificateUsers::parse, timer, reload);
        JaasLogin jaas = security.jaas() == null ? null : new JaasLogin(security.jaas());
        Roles roles = new UserRoles(rolesFile);
        Authorizer authorizer = new PermissionAuthorizer(security.permissions(), roles);
        ConfiguredAuthenticator authenticator = new ConfiguredAuthenticator(brokerName,
                new ConfiguredAuthenticator.Sources(users, jaas, certificates, security.defaultUser()),
                new LoginThrottle(), loginThreads(brokerName), timer, new ThrottledLog());
        return new BrokerSecurity(authenticator, authorizer, security.populateUserId());
    }

    private static ThreadPoolExecutor loginThreads(String brokerName) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(LOGIN_THREADS, LOGIN_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(LOGIN_QUEUE), task -> {
                    Thread thread = new Thread(task, "gannet-login-" + brokerName);
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Checks a users file as a broker's start does, without starting one (the standalone server checks its
     * configuration with these {@code check} methods before it starts anything).
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it: missing, unreadable, a plain-text
     *         password (saying how to hash it) or a malformed hash
     */
    public static void checkUsersFile(Path file) {
        UsersFile.read(file);
    }

    /** @throws IllegalArgumentException naming the file if it cannot be read or is not a roles file */
    public static void checkRolesFile(Path file) {
        ReloadingFile.readOnce(file, "Roles file", RolesFile::parse);
    }

    /** @throws IllegalArgumentException naming the file and the user whose subject expression is wrong */
    public static void checkCertificateUsersFile(Path file) {
        ReloadingFile.readOnce(file, "Certificate users file", CertificateUsers::parse);
    }

    /** @throws IllegalArgumentException if the login configuration cannot be read or has no such entry */
    public static void checkJaas(SecurityConfig.Jaas jaas) {
        new JaasLogin(jaas);
    }
}
