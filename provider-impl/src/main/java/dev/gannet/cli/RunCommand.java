package dev.gannet.cli;

import dev.gannet.server.GannetServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code gannet run CONFIG}: the standalone server, exactly as {@link GannetServer} runs it (same config keys, output,
 * signals and exit status); {@code --check-store} its store check.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the standalone server from a config file until SIGTERM or Ctrl-C (exit status 0 after a "
                + "clean stop, 1 if it cannot start, 2 for a bad config file).")
final class RunCommand implements Callable<Integer> {

    @Option(names = GannetServer.CHECK_STORE,
            description = "Check the store of the stopped broker instead of starting it (0: consistent).")
    private boolean checkStore;

    @Parameters(paramLabel = "CONFIG", description = "The server's config file, e.g. samples/gannet.properties.")
    private String config;

    /** Never returns: the server ends the JVM when it stops, with its exit status. */
    @Override
    public Integer call() {
        GannetServer.main(checkStore ? new String[]{GannetServer.CHECK_STORE, config} : new String[]{config});
        return ExitStatus.OK;
    }
}
