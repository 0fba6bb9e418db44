package dev.gannet.management.console;

import dev.gannet.broker.ManagementAccess;
import dev.gannet.message.GannetDestination;
import jakarta.jms.JMSSecurityException;

import java.util.Objects;

/**
 * The console's access through the broker's {@link ManagementAccess}: users log in with the broker's authenticator,
 * and each request asks its authorizer for the right {@code manage}.
 */
public final class ManagedConsoleAccess implements ConsoleAccess {

    private final ManagementAccess access;

    public ManagedConsoleAccess(ManagementAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public boolean logsIn() {
        return access.logsIn();
    }

    @Override
    public Manager login(String user, String password, String from) {
        ManagementAccess.Operator operator;
        try {
            operator = access.login(user, password, from);
        } catch (JMSSecurityException e) {
            throw new SecurityException(e.getMessage(), e);
        }
        return new Manager() {
            @Override
            public String user() {
                return operator.user();
            }

            @Override
            public boolean mayManageBroker() {
                return operator.mayManageBroker();
            }

            @Override
            public boolean mayManage(GannetDestination destination) {
                return operator.mayManage(destination);
            }
        };
    }

    @Override
    public String toString() {
        return "ManagedConsoleAccess[" + access + "]";
    }
}
