package dev.gannet.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Adds, replaces or removes a user of a users file ({@link UsersFile}) from a shell:
 * <pre>
 * java -cp GANNET_CLASSPATH dev.gannet.security.UsersTool add FILE USER [ITERATIONS]
 * java -cp GANNET_CLASSPATH dev.gannet.security.UsersTool remove FILE USER
 * </pre>
 * {@code add} reads the password from the console, asking twice, or, without a console (a pipe), as the first line of
 * standard input; it never takes it from the command line, where other users of the machine could see it. A running
 * broker picks the change up at its next reload check.
 *
 * <p>Exit status: 0 done, 1 the file could not be written (or {@code remove} found no such user), 2 a bad command line
 * or password.
 */
public final class UsersTool {

    private UsersTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, PasswordSource.terminal(), System.out, System.err));
    }

    /** Where {@code add} gets the password from. */
    @FunctionalInterface
    public interface PasswordSource {
        /** The password, or null when none was given (end of input, or two different entries). */
        char[] read() throws IOException;

        /**
         * The console, asked twice without echo; without a console (a pipe), the first line of standard input. Never
         * the command line, where other users of the machine could see it. (Also the {@code gannet user add}
         * command's.)
         */
        static PasswordSource terminal() {
            Console console = System.console();
            if (console != null) {
                return new ConsolePassword(console);
            }
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return () -> {
                String line = stdin.readLine();
                return line == null ? null : line.toCharArray();
            };
        }
    }

    /** Carries out the command line {@code args}; answers the exit status. */
    static int run(String[] args, PasswordSource passwords, PrintStream out, PrintStream err) {
        boolean add = args.length >= 3 && args.length <= 4 && args[0].equals("add");
        boolean remove = args.length == 3 && args[0].equals("remove");
        if (!add && !remove) {
            err.println("usage: java " + UsersTool.class.getName() + " add FILE USER [ITERATIONS]"
                    + System.lineSeparator() + "       java " + UsersTool.class.getName() + " remove FILE USER");
            return 2;
        }
        Path file = Path.of(args[1]);
        String user = args[2];
        if (user.isEmpty()) {
            err.println("The user name must not be empty");
            return 2;
        }
        try {
            if (remove) {
                if (!UsersFile.remove(file, user)) {
                    err.println("Users file " + file + " has no user '" + user + "'");
                    return 1;
                }
                out.println("Removed user '" + user + "' from " + file);
                return 0;
            }
            int iterations = UsersFile.DEFAULT_ITERATIONS;
            if (args.length == 4) {
                try {
                    iterations = Integer.parseInt(args[3]);
                } catch (NumberFormatException e) {
                    iterations = -1;
                }
                if (iterations < PasswordHash.MIN_ITERATIONS) {
                    err.println("ITERATIONS '" + args[3] + "' is not a whole number >= " + PasswordHash.MIN_ITERATIONS);
                    return 2;
                }
            }
            char[] password = passwords.read();
            if (password == null || password.length == 0) {
                err.println("No password given for user '" + user + "' (or the two entries differ)");
                return 2;
            }
            try {
                UsersFile.add(file, user, password, iterations);
            } finally {
                Arrays.fill(password, '\0');
            }
            out.println("Wrote the hashed password of user '" + user + "' to " + file);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("Users file " + file + " could not be written: " + e);
            return 1;
        }
    }

    /** Asks the console twice, without echo; null when the two entries differ. */
    private record ConsolePassword(Console console) implements PasswordSource {
        @Override
        public char[] read() {
            char[] first = console.readPassword("Password: ");
            char[] second = first == null ? null : console.readPassword("Password again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                console.printf("The two passwords differ%n");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
    }
}
