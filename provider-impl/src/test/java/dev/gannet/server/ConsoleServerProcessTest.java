package dev.gannet.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server process with the web console on: it prints the console's address, which serves the console's page. */
@Timeout(120)
class ConsoleServerProcessTest {

    private static final Pattern CONSOLE_LINE = Pattern.compile("Gannet web console at (http://127\\.0\\.0\\.1:\\d+/console/)");

    @TempDir
    Path directory;

    @Test
    void theServerPrintsWhereItsConsoleIsAndServesIt() throws Exception {
        try (ServerProcess server = ServerProcess.launch(directory.resolve("gannet.properties"), List.of(
                "broker.name=console-process", "store=memory", "tcp.port=0", "management.console.port=0"))) {
            server.awaitListening();
            String[] url = new String[1];
            Deadline.awaitTrue("the console's line", ServerProcess.STARTS, () -> {
                Matcher matcher = CONSOLE_LINE.matcher(server.stdout());
                if (matcher.find()) {
                    url[0] = matcher.group(1);
                }
                return url[0] != null;
            });
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url[0]))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Gannet console</title>"), page.body());
        }
    }
}
