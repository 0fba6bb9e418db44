/**
 * Security built from a {@link dev.gannet.api.SecurityConfig}: {@link dev.gannet.security.SecuredBroker} is the one
 * place a configuration becomes a broker's {@link dev.gannet.broker.BrokerSecurity} (the vm registry and the standalone
 * server start brokers there). It depends on the broker's interfaces ({@link dev.gannet.broker.Authenticator},
 * {@link dev.gannet.broker.Roles}, {@link dev.gannet.broker.Authorizer}, {@link dev.gannet.broker.BrokerTimer}); the
 * broker never on it.
 * <ul>
 *   <li>{@code ConfiguredAuthenticator} — logs connections in: by password (users file, then JAAS), by client
 *       certificate, or as the default user; password checks on its own login threads, refusals delayed per source
 *       address by {@code LoginThrottle} on the broker's timer.</li>
 *   <li>{@link dev.gannet.security.UsersFile} and {@code PasswordHash} — the users file and its PBKDF2 hashes;
 *       {@link dev.gannet.security.UsersTool} edits it from a shell. {@code RolesFile}, {@code CertificateUsers}
 *       — the roles and certificate users files. {@code JaasLogin} — a JAAS login and the roles of its subject.</li>
 *   <li>{@code ReloadingFile} — a file as last read well, read again on the broker's timer when it changes.</li>
 *   <li>{@link dev.gannet.security.UserRoles} — the {@link dev.gannet.broker.Roles} of a connection: its JAAS login's,
 *       or the roles file's of now.</li>
 *   <li>{@link dev.gannet.security.PermissionAuthorizer} — the {@link dev.gannet.broker.Authorizer} of a secured
 *       broker: each action the command gate asks about, permitted when one of the user's roles (asked from
 *       {@code Roles} at each check) is granted it by the {@link dev.gannet.api.Permissions}.</li>
 * </ul>
 */
package dev.gannet.security;
