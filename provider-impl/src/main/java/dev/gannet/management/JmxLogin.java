package dev.gannet.management;

import dev.gannet.broker.ManagementAccess;
import jakarta.jms.JMSSecurityException;

import javax.management.remote.JMXAuthenticator;
import javax.security.auth.Subject;
import java.io.Serializable;
import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Logs a remote JMX client in with the broker's users ({@link ManagementAccess#login}): its credentials are the
 * {@code String[] {user, password}} of the standard {@code jmx.remote.credentials} environment entry (none: the
 * broker's default user, or, on a broker without security, anyone). The subject it answers carries the operator, whom
 * {@link MBeanServerGuard} asks at every call. A refusal is a {@link SecurityException} naming the user, never the
 * password, answered after the delay the broker puts on refused logins from the client's host.
 */
final class JmxLogin implements JMXAuthenticator {

    private final ManagementAccess access;

    JmxLogin(ManagementAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public Subject authenticate(Object credentials) {
        String user = null;
        String password = null;
        if (credentials != null) {
            if (!(credentials instanceof String[] pair) || pair.length != 2) {
                throw new SecurityException("Remote JMX credentials must be a String[] {user, password}");
            }
            user = pair[0];
            password = pair[1];
        }
        ManagementAccess.Operator operator;
        try {
            operator = access.login(user, password, clientHost());
        } catch (JMSSecurityException e) {
            throw new SecurityException(e.getMessage());
        }
        return new Subject(true, Set.of(new OperatorPrincipal(operator)), Set.of(), Set.of());
    }

    private static String clientHost() {
        try {
            String host = RemoteServer.getClientHost();
            return host.contains(":") ? "[" + host + "]" : host; // an IPv6 address, told from a host:port
        } catch (ServerNotActiveException e) {
            return "unknown";
        }
    }

    /**
     * The operator a remote JMX client logged in as, in its subject; named by its user ({@code anonymous} for none).
     * Never leaves the broker's JVM.
     */
    static final class OperatorPrincipal implements Principal, Serializable {

        private static final long serialVersionUID = 1L;

        private final transient ManagementAccess.Operator operator;

        OperatorPrincipal(ManagementAccess.Operator operator) {
            this.operator = operator;
        }

        ManagementAccess.Operator operator() {
            return operator;
        }

        @Override
        public String getName() {
            return operator.user() == null ? "anonymous" : operator.user();
        }

        @Override
        public String toString() {
            return "OperatorPrincipal[" + getName() + "]";
        }
    }
}
