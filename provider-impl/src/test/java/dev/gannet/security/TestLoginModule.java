package dev.gannet.security;

import dev.gannet.api.RolePrincipal;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import java.security.Principal;
import java.util.Arrays;
import java.util.Map;

/**
 * A JAAS login module for tests: accepts user {@value #USER} with password {@value #PASSWORD}, whose subject gets a
 * user principal (not a role), the {@link RolePrincipal} {@value #ROLE} and a {@link GroupPrincipal}
 * {@value #GROUP} (a role only if its class is configured as one).
 */
public final class TestLoginModule implements LoginModule {

    static final String USER = "carol";
    static final String PASSWORD = "jaas-secret";
    static final String ROLE = "auditors";
    static final String GROUP = "night-shift";

    /** A principal of a class that is not a role principal by default. */
    public record GroupPrincipal(String getName) implements Principal {
    }

    /** The user's own principal: never a role. */
    public record UserPrincipal(String getName) implements Principal {
    }

    private Subject subject;
    private CallbackHandler handler;
    private boolean accepted;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        accepted = USER.equals(name.getName()) && Arrays.equals(PASSWORD.toCharArray(), password.getPassword());
        if (!accepted) {
            throw new FailedLoginException("bad user or password");
        }
        return true;
    }

    @Override
    public boolean commit() {
        if (accepted) {
            subject.getPrincipals().add(new UserPrincipal(USER));
            subject.getPrincipals().add(new RolePrincipal(ROLE));
            subject.getPrincipals().add(new GroupPrincipal(GROUP));
        }
        return accepted;
    }

    @Override
    public boolean abort() {
        accepted = false;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().clear();
        return true;
    }
}
