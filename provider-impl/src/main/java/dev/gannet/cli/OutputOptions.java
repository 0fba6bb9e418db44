package dev.gannet.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --json} option of a command that prints something, and where it prints. */
final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--json", description = "Print one JSON document (every field) instead of a table for people.")
    private boolean json;

    /** The command's standard output, as a table or as JSON. */
    Output output() {
        return new Output(command.commandLine().getOut(), json);
    }
}
