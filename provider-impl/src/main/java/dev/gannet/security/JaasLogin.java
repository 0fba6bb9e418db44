package dev.gannet.security;

import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Authenticator;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.URIParameter;
import java.util.HashSet;
import java.util.Set;

/**
 * Logs a user in with JAAS, as {@link SecurityConfig.Jaas} describes: a {@link LoginContext} of the configured entry,
 * whose callback handler answers the user name ({@link NameCallback}) and password ({@link PasswordCallback}); the
 * user is the name given, the roles the names of the login {@code Subject}'s principals whose class (or a superclass)
 * is one of the role principal classes. A login module may block (an LDAP server); callers run it off the transports'
 * threads.
 */
final class JaasLogin {

    private final String entry;
    /** The login configuration file's; null for the JVM's own. */
    private final Configuration configuration;
    private final Set<String> rolePrincipalClasses;

    /**
     * @throws IllegalArgumentException if the login configuration file cannot be read, or holds no such entry
     */
    JaasLogin(SecurityConfig.Jaas jaas) {
        this.entry = jaas.entry();
        this.rolePrincipalClasses = Set.copyOf(jaas.rolePrincipalClasses());
        this.configuration = jaas.loginConfig() == null ? null : configuration(jaas.loginConfig());
        Configuration effective;
        try {
            effective = configuration != null ? configuration : Configuration.getConfiguration();
        } catch (SecurityException e) {
            throw new IllegalArgumentException("The JVM's JAAS login configuration cannot be read: " + e.getMessage(),
                    e);
        }
        if (effective.getAppConfigurationEntry(entry) == null) {
            throw new IllegalArgumentException("JAAS login configuration "
                    + (jaas.loginConfig() == null ? "of the JVM (java.security.auth.login.config)" : jaas.loginConfig())
                    + " has no entry '" + entry + "'");
        }
    }

    private static Configuration configuration(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("JAAS login configuration " + file
                    + " does not exist or cannot be read");
        }
        try {
            return Configuration.getInstance("JavaLoginConfig", new URIParameter(file.toUri()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("JAAS login configuration " + file + " cannot be read: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /**
     * Logs {@code user} in with {@code password}.
     *
     * @return the login, with the roles of its subject
     * @throws LoginException if the login modules refuse it, or cannot run
     */
    Authenticator.Login login(String user, char[] password) throws LoginException {
        Subject subject = new Subject();
        LoginContext context = new LoginContext(entry, subject, callbacks -> answer(callbacks, user, password),
                configuration);
        context.login();
        Set<String> roles = new HashSet<>();
        for (Principal principal : subject.getPrincipals()) {
            if (isRole(principal)) {
                roles.add(principal.getName());
            }
        }
        return new Authenticator.Login(user, roles);
    }

    private boolean isRole(Principal principal) {
        for (Class<?> type = principal.getClass(); type != null; type = type.getSuperclass()) {
            if (rolePrincipalClasses.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    private static void answer(Callback[] callbacks, String user, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(callback, "Gannet answers only the user name and password");
            }
        }
    }
}
