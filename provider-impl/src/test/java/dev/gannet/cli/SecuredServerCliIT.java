package dev.gannet.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gannet.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code gannet run} of the sample {@code samples/management/gannet-remote-jmx.properties} (on free ports, its users
 * and roles files copied) as a process, managed by other {@code gannet} processes with security on: who may log in,
 * who may manage what, passwords from the environment, a user added with {@code gannet user add} logging in once the
 * server has read the file again, and a clean stop on SIGTERM.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SecuredServerCliIT {

    private static final Path SAMPLE = Path.of("..", "samples", "management", "gannet-remote-jmx.properties");
    private static final long STARTS = 120_000;

    @TempDir
    static Path directory;
    private static Launcher gannet;
    private static Process server;
    private static String brokerUrl;
    private static int jmxPort;
    private static Path usersFile;

    @BeforeAll
    static void runTheSample() throws Exception {
        gannet = new Launcher(directory);
        Path security = SAMPLE.getParent().resolveSibling("security");
        usersFile = directory.resolve("users.properties");
        Files.copy(security.resolve("users.properties"), usersFile);
        // ops, added below with gannet user add, is an admin from the start
        Files.writeString(directory.resolve("roles.properties"),
                Files.readString(security.resolve("roles.properties")) + "admins = admin, ops\n");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(SAMPLE, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        jmxPort = CliServer.freePort();
        properties.setProperty(ServerConfig.TCP_PORT, "0");
        properties.setProperty(ServerConfig.JMX_REMOTE_PORT, Integer.toString(jmxPort));
        properties.setProperty(ServerConfig.DATA_DIRECTORY, "data");
        properties.setProperty(ServerConfig.SECURITY_USERS_FILE, "users.properties");
        properties.setProperty(ServerConfig.SECURITY_ROLES_FILE, "roles.properties");
        properties.setProperty(ServerConfig.SECURITY_RELOAD_INTERVAL, "200");
        Path config = directory.resolve("gannet-remote-jmx.properties");
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(writer, "samples/management/gannet-remote-jmx.properties on free ports");
        }
        server = gannet.start("run", config.toString());
        Pattern listening = Pattern.compile("listening on tcp://127\\.0\\.0\\.1:(\\d+) ");
        long end = System.currentTimeMillis() + STARTS;
        while (brokerUrl == null) {
            Matcher matcher = listening.matcher(gannet.stdout(server));
            if (matcher.find()) {
                brokerUrl = "tcp://127.0.0.1:" + matcher.group(1);
            } else if (!server.isAlive() || System.currentTimeMillis() > end) {
                fail("gannet run did not start: " + gannet.stdout(server) + gannet.stderr(server));
            } else {
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopOnSigterm() throws Exception {
        if (server == null) {
            return;
        }
        server.destroy(); // SIGTERM: the script exec'd java, so the server itself gets it
        if (!server.waitFor(STARTS, TimeUnit.MILLISECONDS)) {
            server.destroyForcibly();
            fail("gannet run did not stop on SIGTERM");
        }
        assertEquals(0, server.exitValue(), () -> "gannet run after SIGTERM: " + stderr());
    }

    @Test
    void operatorsManageWhatTheirRightsAllow() throws Exception {
        JsonArray queues = gannet.run(manage("queue", "list", "--json", "--user", "admin", "--password",
                "admin-secret")).assertStatus(ExitStatus.OK).json().getAsJsonArray();
        List<String> names = new ArrayList<>();
        queues.forEach(queue -> names.add(queue.getAsJsonObject().get("name").getAsString()));
        assertTrue(names.containsAll(List.of("orders", "orders.eu", "invoices")), names.toString());

        Launcher auditor = new Launcher(directory).environment("GANNET_USER", "auditor")
                .environment("GANNET_PASSWORD", "auditor-secret");
        auditor.run(manage("queue", "stat", "orders.eu")).assertStatus(ExitStatus.OK);
        Launcher.Result broad = auditor.run(manage("queue", "list")).assertStatus(ExitStatus.SECURITY);
        assertTrue(broad.stderr().contains("auditor"), broad.describe());
        auditor.run(manage("queue", "purge", "invoices")).assertStatus(ExitStatus.SECURITY);
        auditor.run(manage("connection", "list")).assertStatus(ExitStatus.SECURITY);

        Launcher.Result wrong = gannet.run(manage("queue", "list", "--user", "admin", "--password", "guessed"))
                .assertStatus(ExitStatus.SECURITY);
        assertTrue(wrong.stderr().contains("admin") && !wrong.stderr().contains("guessed"), wrong.describe());
        gannet.run(manage("queue", "list")).assertStatus(ExitStatus.SECURITY);
        gannet.run(manage("queue", "list", "--user", "shop", "--password", "shop-secret"))
                .assertStatus(ExitStatus.SECURITY);
    }

    @Test
    void sendAndConsumeAsTheBrokersUsers() throws Exception {
        gannet.run("send", "--url", brokerUrl, "--user", "shop", "--password", "shop-secret", "orders", "order 1")
                .assertStatus(ExitStatus.OK);
        gannet.run("send", "--url", brokerUrl, "--user", "auditor", "--password", "auditor-secret", "orders", "x")
                .assertStatus(ExitStatus.SECURITY);
        gannet.run("send", "--url", brokerUrl, "--user", "shop", "--password", "wrong", "orders", "x")
                .assertStatus(ExitStatus.SECURITY);

        JsonObject depth = gannet.run(manage("queue", "stat", "orders", "--json", "--user", "auditor", "--password",
                "auditor-secret")).assertStatus(ExitStatus.OK).json().getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(1, depth.get("depth").getAsLong());
        JsonArray received = gannet.run("consume", "--url", brokerUrl, "--user", "auditor", "--password",
                "auditor-secret", "orders", "--json").assertStatus(ExitStatus.OK).json().getAsJsonArray();
        assertEquals("order 1", received.get(0).getAsJsonObject().get("body").getAsString());
    }

    @Test
    void aUserAddedToTheUsersFileLogsIn() throws Exception {
        gannet.run(manage("queue", "list", "--user", "ops", "--password", "ops-secret"))
                .assertStatus(ExitStatus.SECURITY);
        gannet.runWithInput("ops-secret\n", "user", "add", usersFile.toString(), "ops", "--iterations", "1000")
                .assertStatus(ExitStatus.OK);
        long end = System.currentTimeMillis() + STARTS;
        Launcher.Result result;
        do {
            result = gannet.run(manage("queue", "list", "--user", "ops", "--password", "ops-secret"));
        } while (result.status() == ExitStatus.SECURITY && System.currentTimeMillis() < end);
        result.assertStatus(ExitStatus.OK);
        assertTrue(result.lines().get(0).startsWith("NAME"), result.describe());

        gannet.run("user", "remove", usersFile.toString(), "ops").assertStatus(ExitStatus.OK);
        JsonArray users = gannet.run("user", "list", usersFile.toString(), "--json").assertStatus(ExitStatus.OK)
                .json().getAsJsonArray();
        for (JsonElement user : users) {
            assertFalse(user.getAsJsonObject().get("user").getAsString().equals("ops"));
        }
    }

    @Test
    void aBadConfigFileEndsRunWithStatus2() throws Exception {
        Path bad = directory.resolve("bad.properties");
        Files.writeString(bad, "broker.name=bad\ndata.directory=bad\ntcp.port=abc\n");
        Launcher.Result result = gannet.run("run", bad.toString()).assertStatus(ExitStatus.USAGE);
        assertTrue(result.stderr().contains("tcp.port"), result.describe());
    }

    private static String[] manage(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", Integer.toString(jmxPort)));
        return all.toArray(String[]::new);
    }

    private static String stderr() {
        try {
            return gannet.stderr(server);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
