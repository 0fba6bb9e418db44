package dev.gannet.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GannetServer} refuses a bad config file before starting anything: status 2, the key named on stderr. */
@Timeout(120)
class BadConfigFileTest {

    @TempDir
    Path directory;
    private ServerProcess server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Each case starts from a good file and changes one key; {@code -KEY} removes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key         | tcp.prot=61616              | tcp.prot: unknown key",
            "missing broker.name | -broker.name                | broker.name: required but missing",
            "empty broker.name   | broker.name=                | broker.name: required but empty",
            "bad port            | tcp.port=abc                | tcp.port: 'abc' is not a port number (0-65535)",
            "port out of range   | tcp.port=70000              | tcp.port: '70000' is not a port number (0-65535)",
            "heartbeat mismatch  | tcp.heartbeat.timeout.ms=10 | tcp.heartbeat.timeout.ms: 10 must be longer than"})
    void badConfigFileExitsWithStatusTwoNamingTheKey(String problem, String badLine, String expectedMessage)
            throws Exception {
        List<String> lines = new ArrayList<>(List.of("broker.name=bad", "data.directory=data", "tcp.port=0"));
        boolean removal = badLine.startsWith("-");
        String badKey = removal ? badLine.substring(1) : badLine.substring(0, badLine.indexOf('='));
        lines.removeIf(line -> line.startsWith(badKey + "="));
        if (!removal) {
            lines.add(badLine);
        }
        server = ServerProcess.launch(directory.resolve("gannet.properties"), lines);

        assertEquals(2, server.awaitExit(ServerProcess.STARTS), "exit status for " + problem);
        assertTrue(server.stderr().contains(expectedMessage), "stderr names the key: " + server.stderr());
        assertEquals("", server.stdout(), "nothing listens, nothing is announced");
    }

    @Test
    void missingConfigFileExitsWithStatusTwoNamingTheFile() throws Exception {
        Path missing = directory.resolve("absent.properties");
        server = ServerProcess.launch(missing);

        assertEquals(2, server.awaitExit(ServerProcess.STARTS));
        assertTrue(server.stderr().contains("absent.properties"), "stderr names the file: " + server.stderr());
    }
}
