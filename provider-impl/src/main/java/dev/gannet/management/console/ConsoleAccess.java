package dev.gannet.management.console;

import dev.gannet.message.GannetDestination;

/**
 * Who may use the web console, and what each user may manage: the broker's own users log in with their password and
 * need the right {@code manage} — on the broker as a whole to use the console at all, and on a queue (or topic) to act
 * on it. {@link #OPEN} is the console of a broker without authentication, which anybody who reaches it may use (as the
 * ActiveMQ Artemis console with security disabled).
 */
public interface ConsoleAccess {

    /** No login: the broker authenticates nobody, so the console asks nobody either; everybody manages everything. */
    ConsoleAccess OPEN = new ConsoleAccess() {
        @Override
        public boolean logsIn() {
            return false;
        }

        @Override
        public Manager login(String user, String password, String from) {
            return Manager.ANONYMOUS;
        }
    };

    /** Whether users log in before the console shows or does anything. */
    boolean logsIn();

    /**
     * Logs {@code user} in with {@code password}, waiting for the broker's check; without {@linkplain #logsIn() login}
     * anybody is let in, anonymous.
     *
     * @param from where the request comes from, for the broker's login log and its delay after refused logins
     * @throws SecurityException naming the user (never the password) if the login is refused
     */
    Manager login(String user, String password, String from);

    /** A logged-in user, asked afresh at each operation what it may manage. */
    interface Manager {

        /** The manager of a broker without security: anonymous, may manage everything. */
        Manager ANONYMOUS = new Manager() {
            @Override
            public String user() {
                return null;
            }

            @Override
            public boolean mayManageBroker() {
                return true;
            }

            @Override
            public boolean mayManage(GannetDestination destination) {
                return true;
            }
        };

        /** The user's name; null for an anonymous manager. */
        String user();

        /** Whether the user may manage the broker as a whole: see its figures, lists and connections. */
        boolean mayManageBroker();

        /** Whether the user may act on {@code destination}: browse, purge, retry, move, pause. */
        boolean mayManage(GannetDestination destination);
    }
}
