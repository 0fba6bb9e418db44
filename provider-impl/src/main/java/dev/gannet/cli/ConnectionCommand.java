package dev.gannet.cli;

import dev.gannet.api.management.ConnectionMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

import static dev.gannet.cli.Output.fields;

/** {@code gannet connection list|close}: a running broker's client connections ({@link ConnectionMXBean}). */
@Command(name = "connection", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "A running broker's client connections.")
final class ConnectionCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the open connections: ID, client ID, user, address, sessions, consumers.")
    int list(@Mixin ManagementOptions management, @Mixin OutputOptions output) {
        try (ManagementClient client = management.connect()) {
            List<Map<String, Object>> rows = ManagementClient.readEach(client.connections(), connection -> fields(
                    "id", connection.getId(), "clientId", connection.getClientId(), "user", connection.getUser(),
                    "remoteAddress", connection.getRemoteAddress(),
                    "created", connection.getCreated().toInstant().toString(),
                    "sessions", connection.getSessionCount(), "consumers", connection.getConsumerCount()));
            output.output().rows(rows, List.of("id", "clientId", "user", "remoteAddress", "created", "sessions",
                    "consumers"));
        }
        return ExitStatus.OK;
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Closes a connection from the broker's side (its client's ExceptionListener hears it).")
    int close(@Mixin ManagementOptions management, @Mixin OutputOptions output,
              @Parameters(paramLabel = "ID", description = "The connection's ID, as connection list shows it.")
              long id) {
        try (ManagementClient client = management.connect()) {
            client.connection(id).close();
            output.output().result(fields("id", id, "closed", true), "Closed connection " + id);
        }
        return ExitStatus.OK;
    }
}
