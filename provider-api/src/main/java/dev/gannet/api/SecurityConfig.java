package dev.gannet.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who may connect to a broker and what each may do: the security part of a {@link BrokerConfig}. Immutable; made with
 * {@link #builder()}. {@link #DISABLED}, the default, lets every connection in and permits everything.
 *
 * <p>With security {@link #enabled()}, every connection logs in when it opens, with the user name and password of
 * {@code createConnection(user, password)} or, on TLS with client authentication, its certificate:
 * <ul>
 *   <li>a user of the {@link #usersFile()} ({@code user = ENC(...)} lines, the password hashed with PBKDF2; the
 *       {@code dev.gannet.security.UsersTool} writes them), whose roles the {@link #rolesFile()} lists
 *       ({@code role = user1, user2} lines) — both files the formats ActiveMQ Artemis uses, read again when they
 *       change, checked every {@link #reloadInterval()};</li>
 *   <li>a user a JAAS login module accepts ({@link #jaas()}): an LDAP server or any other, the roles its login
 *       {@code Subject} holds;</li>
 *   <li>a client certificate's subject mapped to a user by the {@link #certificateUsersFile()}
 *       ({@code user = REGEX} lines, the regular expression matched against the subject's distinguished name, as
 *       Artemis' {@code cert-users.properties}), the roles from the roles file;</li>
 *   <li>the {@link #defaultUser()} for a connection that gives no user name, if one is configured.</li>
 * </ul>
 * A connection that fails to log in is refused with a {@code JMSSecurityException}. What each user's roles permit is
 * {@link #permissions()}.
 *
 * <pre>{@code
 * BrokerConfig config = BrokerConfig.builder().name("orders")
 *         .security(SecurityConfig.builder().usersFile(Path.of("etc/users.properties"))
 *                 .rolesFile(Path.of("etc/roles.properties")).permissions(permissions).build())
 *         .build();
 * }</pre>
 *
 * @param enabled              whether the broker authenticates connections and authorizes their commands; when false,
 *                             every other component is ignored
 * @param usersFile            the users file ({@code user = ENC(PBKDF2WithHmacSHA256:ITERATIONS:SALT:HASH)} lines), or
 *                             null for none
 * @param rolesFile            the roles file ({@code role = user1, user2} lines), or null: file and certificate users
 *                             then have no roles
 * @param jaas                 the JAAS login to check the passwords the users file does not know, or null for none
 * @param certificateUsersFile the file mapping users to client-certificate subjects ({@code user = REGEX} lines), or
 *                             null: certificates log nobody in
 * @param defaultUser          the user a connection without a user name logs in as (its roles from the roles file), or
 *                             null: such a connection is refused
 * @param populateUserId       whether the broker sets {@code JMSXUserID} of every message sent to the user who sent it,
 *                             overwriting what the client put there
 * @param reloadInterval       how often the users, roles and certificate users files are checked for changes;
 *                             {@link Duration#ZERO} reads them only at start
 * @param permissions          what each role may do on which destinations
 */
public record SecurityConfig(boolean enabled, Path usersFile, Path rolesFile, Jaas jaas, Path certificateUsersFile,
                             String defaultUser, boolean populateUserId, Duration reloadInterval,
                             Permissions permissions) {

    /** How often the files are checked for changes unless configured otherwise: every 5 seconds. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    /** No security: every connection is let in, every command permitted; the default of a {@link BrokerConfig}. */
    public static final SecurityConfig DISABLED = new SecurityConfig(false, null, null, null, null, null, false,
            DEFAULT_RELOAD_INTERVAL, Permissions.none());

    /**
     * @throws NullPointerException     if the reload interval or the permissions are null
     * @throws IllegalArgumentException if the reload interval is negative, or the default user is empty
     */
    public SecurityConfig {
        Objects.requireNonNull(reloadInterval, "reload interval");
        Objects.requireNonNull(permissions, "permissions");
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("Security reload interval " + reloadInterval + " must not be negative");
        }
        if (defaultUser != null && defaultUser.isEmpty()) {
            throw new IllegalArgumentException("The default user must not be empty (null for none)");
        }
    }

    /**
     * A builder of an enabled configuration: no users file, roles file, JAAS login, certificate users or default user
     * yet, {@code JMSXUserID} set by the broker, files checked every {@link #DEFAULT_RELOAD_INTERVAL}, no permissions.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A JAAS login: the broker runs a {@code javax.security.auth.login.LoginContext} of the entry {@link #entry()}
     * with a callback handler that answers the user name and password; the user is the name given, the user's roles
     * the names of the {@code Subject}'s principals of the classes {@link #rolePrincipalClasses()}.
     *
     * @param loginConfig          the JAAS login configuration file (the format of {@code login.config}), or null for
     *                             the JVM's own ({@code java.security.auth.login.config})
     * @param entry                the entry of the login configuration to log in with
     * @param rolePrincipalClasses the fully qualified names of the principal classes that are roles; by default
     *                             {@link #DEFAULT_ROLE_PRINCIPAL_CLASSES}
     */
    public record Jaas(Path loginConfig, String entry, List<String> rolePrincipalClasses) {

        /**
         * The role principal classes unless configured otherwise: Gannet's {@link RolePrincipal}, and those of the
         * login modules of ActiveMQ Artemis ({@code org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal})
         * and ActiveMQ Classic ({@code org.apache.activemq.jaas.GroupPrincipal}), so their LDAP and properties login
         * modules work unchanged.
         */
        public static final List<String> DEFAULT_ROLE_PRINCIPAL_CLASSES = List.of(RolePrincipal.class.getName(),
                "org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal",
                "org.apache.activemq.jaas.GroupPrincipal");

        /**
         * @throws IllegalArgumentException if the entry is null or empty, or no role principal class is named
         */
        public Jaas {
            if (entry == null || entry.isEmpty()) {
                throw new IllegalArgumentException("A JAAS login needs the name of its login configuration entry");
            }
            rolePrincipalClasses = List.copyOf(rolePrincipalClasses);
            if (rolePrincipalClasses.isEmpty()) {
                throw new IllegalArgumentException("A JAAS login needs at least one role principal class");
            }
        }

        /** A login with the {@link #DEFAULT_ROLE_PRINCIPAL_CLASSES}. */
        public Jaas(Path loginConfig, String entry) {
            this(loginConfig, entry, DEFAULT_ROLE_PRINCIPAL_CLASSES);
        }
    }

    /** Builds enabled {@link SecurityConfig} values. */
    public static final class Builder {
        private Path usersFile;
        private Path rolesFile;
        private Jaas jaas;
        private Path certificateUsersFile;
        private String defaultUser;
        private boolean populateUserId = true;
        private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
        private Permissions permissions = Permissions.none();

        private Builder() {
        }

        /** The users file ({@code user = ENC(...)} lines); null for none. */
        public Builder usersFile(Path usersFile) {
            this.usersFile = usersFile;
            return this;
        }

        /** The roles file ({@code role = user1, user2} lines); null for none. */
        public Builder rolesFile(Path rolesFile) {
            this.rolesFile = rolesFile;
            return this;
        }

        /** The JAAS login for the users the users file does not hold; null for none. */
        public Builder jaas(Jaas jaas) {
            this.jaas = jaas;
            return this;
        }

        /** The file mapping users to client-certificate subjects ({@code user = REGEX} lines); null for none. */
        public Builder certificateUsersFile(Path certificateUsersFile) {
            this.certificateUsersFile = certificateUsersFile;
            return this;
        }

        /** The user a connection without a user name logs in as; null (the default) refuses such connections. */
        public Builder defaultUser(String defaultUser) {
            this.defaultUser = defaultUser;
            return this;
        }

        /** Whether the broker sets {@code JMSXUserID} to the sending user (default true). */
        public Builder populateUserId(boolean populateUserId) {
            this.populateUserId = populateUserId;
            return this;
        }

        /** How often the files are checked for changes (default {@link #DEFAULT_RELOAD_INTERVAL}; zero: never). */
        public Builder reloadInterval(Duration reloadInterval) {
            this.reloadInterval = reloadInterval;
            return this;
        }

        /** What each role may do (default {@link Permissions#none()}). */
        public Builder permissions(Permissions permissions) {
            this.permissions = permissions;
            return this;
        }

        /**
         * An enabled configuration.
         *
         * @throws NullPointerException     if the reload interval or the permissions are null
         * @throws IllegalArgumentException as {@link SecurityConfig#SecurityConfig}
         */
        public SecurityConfig build() {
            return new SecurityConfig(true, usersFile, rolesFile, jaas, certificateUsersFile, defaultUser,
                    populateUserId, reloadInterval, permissions);
        }
    }
}
