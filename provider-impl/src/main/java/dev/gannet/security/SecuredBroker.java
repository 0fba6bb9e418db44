package dev.gannet.security;

import dev.gannet.api.BrokerConfig;
import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Authorizer;
import dev.gannet.broker.Broker;
import dev.gannet.broker.BrokerSecurity;
import dev.gannet.broker.Roles;

/**
 * Starts a broker with the security its configuration describes ({@link BrokerConfig#security()}): the one place a
 * {@link SecurityConfig} becomes a broker's {@link BrokerSecurity} — its authenticator (users file, JAAS, certificate
 * users, default user), the roles of its users and the authorizer of its permissions. The vm transport's broker
 * registry ({@code vm://}, {@code EmbeddedBroker}) and the standalone server start brokers here.
 */
public final class SecuredBroker {

    private SecuredBroker() {
    }

    /**
     * Starts the broker of {@code config}: with security when {@code config.security()} enables it, else as
     * {@link Broker#start(BrokerConfig)}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it if a security file is missing,
     *         unreadable or malformed, or the users file holds a plain-text password
     * @throws dev.gannet.store.StoreException if the store cannot be opened
     */
    public static Broker start(BrokerConfig config) {
        SecurityConfig security = config.security();
        if (!security.enabled()) {
            return Broker.start(config);
        }
        return Broker.start(config, timer -> {
            Roles roles = new UserRoles(() -> RolesFile.EMPTY);
            Authorizer authorizer = new PermissionAuthorizer(security.permissions(), roles);
            throw new IllegalArgumentException("Broker " + config.name() + ": authentication is not built yet");
        });
    }
}
