package dev.gannet.cli;

import dev.gannet.security.UsersFile;
import dev.gannet.security.UsersTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.gannet.cli.Output.fields;

/**
 * {@code gannet user add|remove|list}: the users file of a secured broker ({@link UsersFile}), hashed PBKDF2 entries
 * written as {@link UsersTool} writes them. Works on the file, with or without a running broker (which reads the file
 * again when it changes).
 */
@Command(name = "user", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "The users file of a secured broker (security.users.file).")
final class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user, or replaces its password, hashed with PBKDF2. The password is read from the "
                    + "console (asked twice) or, without one, as the first line of standard input; never from the "
                    + "command line.")
    int add(@Mixin OutputOptions output,
            @Parameters(index = "0", paramLabel = "FILE", description = "The users file (created if missing).")
            Path file,
            @Parameters(index = "1", paramLabel = "USER") String user,
            @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + UsersFile.DEFAULT_ITERATIONS,
                    description = "PBKDF2 iterations, at least 1000 (default: ${DEFAULT-VALUE}).") int iterations)
            throws IOException {
        char[] password = UsersTool.PasswordSource.terminal().read();
        if (password == null || password.length == 0) {
            throw new CommandFailure(ExitStatus.USAGE, "No password given for user '" + user
                    + "' (or the two entries differ)", null);
        }
        try {
            UsersFile.add(file, user, password, iterations);
        } finally {
            Arrays.fill(password, '\0');
        }
        output.output().result(fields("file", file.toString(), "user", user, "added", true),
                "Wrote the hashed password of user '" + user + "' to " + file);
        return ExitStatus.OK;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user.")
    int remove(@Mixin OutputOptions output,
               @Parameters(index = "0", paramLabel = "FILE", description = "The users file.") Path file,
               @Parameters(index = "1", paramLabel = "USER") String user) throws IOException {
        if (!UsersFile.remove(file, user)) {
            throw CommandFailure.notFound("Users file " + file + " has no user '" + user + "'");
        }
        output.output().result(fields("file", file.toString(), "user", user, "removed", true),
                "Removed user '" + user + "' from " + file);
        return ExitStatus.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the users of the file, by name (never their hashes).")
    int list(@Mixin OutputOptions output,
             @Parameters(index = "0", paramLabel = "FILE", description = "The users file.") Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String user : new TreeSet<>(UsersFile.read(file).users())) {
            rows.add(fields("user", user));
        }
        output.output().rows(rows, List.of("user"));
        return ExitStatus.OK;
    }
}
