package dev.gannet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code gannet} command-line tool (the launcher script {@code bin/gannet} runs it): the standalone server
 * ({@code gannet run CONFIG}) and the administration of a running one over its remote JMX connector
 * ({@code gannet queue ...}, {@code gannet connection ...}), quick checks as a JMS client ({@code gannet send},
 * {@code gannet consume}) and the users file ({@code gannet user ...}). Tables for people by default, one JSON document
 * with {@code --json}; the exit status says what failed ({@link ExitStatus}). Output is UTF-8.
 */
@Command(name = "gannet", mixinStandardHelpOptions = true, versionProvider = GannetVersion.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Gannet's standalone server and its administration.",
        subcommands = {RunCommand.class, QueueCommand.class, ConnectionCommand.class, SendCommand.class,
                ConsumeCommand.class, UserCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:done",
                "1:the operation was refused or failed (a bad selector, a queue with consumers, the store)",
                "2:a bad command line",
                "3:cannot reach the broker or its management connector",
                "4:login refused, or the user lacks the right (manage, send, consume, ...)",
                "5:not found: no such queue, message, connection or user; consume received nothing"},
        footerHeading = "%nEnvironment:%n",
        footer = {"  GANNET_USER, GANNET_PASSWORD   who logs in (instead of --user, --password)",
                "  GANNET_JMX_URL, GANNET_JMX_HOST, GANNET_JMX_PORT, GANNET_BROKER, GANNET_JMX_TLS,",
                "  GANNET_TRUST_STORE, GANNET_TRUST_STORE_PASSWORD",
                "                                 the management connector, the broker",
                "  GANNET_BROKER_URL              the broker of send and consume"})
public final class Gannet {

    private Gannet() {
    }

    public static void main(String[] args) {
        boolean server = args.length > 0 && args[0].equals("run");
        if (!server && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // A command's output is its result; the client library's log lines would only be noise in it.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int status = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line {@code args}, printing to {@code out} and {@code err}; answers the exit status
     * ({@link ExitStatus}).
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Gannet());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((thrown, command, parseResult) -> {
            CommandFailure failure = Failures.of(thrown);
            command.getErr().println("gannet: " + failure.getMessage());
            command.getErr().flush();
            return failure.status();
        });
        return commandLine.execute(args);
    }
}
