package dev.gannet.cli;

import picocli.CommandLine.Option;

import java.io.Console;

/**
 * Who logs in to the broker: {@code --user} and {@code --password}, or the environment variables
 * {@code GANNET_USER} and {@code GANNET_PASSWORD}, so that a password need not be on the command line (where other
 * users of the machine can see it). {@code --password} without a value, or a user without a password when there is a
 * console, asks for it without echo.
 */
final class Credentials {

    @Option(names = "--user", defaultValue = "${env:GANNET_USER}", paramLabel = "USER",
            description = "The broker user to log in as (default: $${GANNET_USER}; none: no login).")
    private String user;

    @Option(names = "--password", defaultValue = "${env:GANNET_PASSWORD}", paramLabel = "PASSWORD",
            interactive = true, arity = "0..1",
            description = "Its password (default: $${GANNET_PASSWORD}; without a value: asked for).")
    private String password;

    /** The user name, or null to log in as nobody (a broker without security). */
    String user() {
        return user == null || user.isEmpty() ? null : user;
    }

    /** The password of {@link #user()}: as given, else asked on the console if there is one, else empty. */
    String password() {
        if (password != null) {
            return password;
        }
        Console console = System.console();
        if (user() != null && console != null) {
            char[] typed = console.readPassword("Password of %s: ", user);
            password = typed == null ? "" : new String(typed);
            return password;
        }
        return "";
    }
}
