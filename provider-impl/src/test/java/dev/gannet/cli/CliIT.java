package dev.gannet.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.gannet.client.GannetConnectionFactory;
import dev.gannet.security.UsersFile;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code gannet} launcher, run as a process, against a running server without security: every queue and
 * connection command in a table and in JSON, send and consume, the users file, and the exit status of each kind of
 * failure.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CliIT {

    @TempDir
    static Path directory;
    private static CliServer server;
    private static Launcher gannet;

    @BeforeAll
    static void start() throws Exception {
        server = CliServer.start(directory, "cli", List.of("queues=orders",
                "destination.retried.max-delivery-attempts=1", "destination.retried.dead-letter-queue=retried.DLQ"));
        gannet = new Launcher(directory);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void queueCommandsPrintTablesAndJson() throws Exception {
        gannet.run(manage("queue", "create", "books")).assertStatus(ExitStatus.OK);

        Launcher.Result table = gannet.run(manage("queue", "list")).assertStatus(ExitStatus.OK);
        assertTrue(table.lines().get(0).matches("NAME\\s+DEPTH\\s+CONSUMERS\\s+TEMPORARY"), table.describe());
        assertTrue(table.lines().stream().anyMatch(line -> line.matches("books\\s+0\\s+0\\s+false")),
                table.describe());
        assertTrue(table.lines().stream().anyMatch(line -> line.startsWith("orders ")), table.describe());

        gannet.run("send", "--url", server.brokerUrl(), "books", "first", "second").assertStatus(ExitStatus.OK);

        JsonObject books = byName(gannet.run(manage("queue", "list", "--json")).assertStatus(ExitStatus.OK)
                .json().getAsJsonArray(), "books");
        assertEquals(2, books.get("depth").getAsLong());
        assertFalse(books.get("temporary").getAsBoolean());

        JsonObject figures = gannet.run(manage("queue", "stat", "books", "--json")).assertStatus(ExitStatus.OK)
                .json().getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(2, figures.get("depth").getAsLong());
        assertEquals(2, figures.get("enqueued").getAsLong());
        assertEquals(0, figures.get("acknowledged").getAsLong());
        assertFalse(figures.get("paused").getAsBoolean());
        Launcher.Result stat = gannet.run(manage("queue", "stat")).assertStatus(ExitStatus.OK);
        assertTrue(stat.lines().get(0).startsWith("NAME  ") && stat.lines().get(0).contains("DEAD_LETTERED"),
                stat.describe());
        assertTrue(stat.lines().stream().anyMatch(line -> line.matches("books\\s+2\\s+0\\s+2\\s.*")),
                stat.describe());

        Launcher.Result browse = gannet.run(manage("queue", "browse", "books")).assertStatus(ExitStatus.OK);
        assertTrue(browse.lines().get(0).matches("MESSAGE_ID\\s+TIMESTAMP\\s+PRIORITY\\s+BODY_TYPE\\s+SIZE\\s+"
                + "BODY_PREVIEW"), browse.describe());
        assertTrue(browse.lines().get(1).matches("ID:\\S+\\s+\\S+Z\\s+4\\s+TextMessage\\s+\\d+\\s+first"),
                browse.describe());
        JsonArray page = gannet.run(manage("queue", "browse", "books", "--json", "--offset", "1"))
                .assertStatus(ExitStatus.OK).json().getAsJsonArray();
        assertEquals(1, page.size());
        JsonObject second = page.get(0).getAsJsonObject();
        assertEquals("second", second.get("bodyPreview").getAsString());
        assertEquals("queue://books", second.get("destination").getAsString());
        assertEquals("PERSISTENT", second.get("deliveryMode").getAsString());
        assertTrue(second.get("properties").isJsonObject());

        assertEquals("Paused delivery of queue 'books'", gannet.run(manage("queue", "pause", "books"))
                .assertStatus(ExitStatus.OK).stdout().strip());
        assertTrue(gannet.run(manage("queue", "stat", "books", "--json")).json().getAsJsonArray().get(0)
                .getAsJsonObject().get("paused").getAsBoolean());
        gannet.run(manage("queue", "resume", "books", "--json")).assertStatus(ExitStatus.OK);
        assertFalse(gannet.run(manage("queue", "stat", "books", "--json")).json().getAsJsonArray().get(0)
                .getAsJsonObject().get("paused").getAsBoolean());

        JsonObject purged = gannet.run(manage("queue", "purge", "books", "--json")).assertStatus(ExitStatus.OK)
                .json().getAsJsonObject();
        assertEquals(2, purged.get("removed").getAsLong());
        assertEquals("Removed 0 message(s) from queue 'books'",
                gannet.run(manage("queue", "purge", "books")).assertStatus(ExitStatus.OK).stdout().strip());

        gannet.run(manage("queue", "delete", "books")).assertStatus(ExitStatus.OK);
        assertNull(byNameOrNull(gannet.run(manage("queue", "list", "--json")).json().getAsJsonArray(), "books"));
        Launcher.Result again = gannet.run(manage("queue", "delete", "books")).assertStatus(ExitStatus.NOT_FOUND);
        assertTrue(again.stderr().contains("has no queue 'books'"), again.describe());
        gannet.run(manage("queue", "stat", "books")).assertStatus(ExitStatus.NOT_FOUND);
        gannet.run(manage("queue", "browse", "books")).assertStatus(ExitStatus.NOT_FOUND);
    }

    @Test
    void moveAndRetryMessages() throws Exception {
        JsonObject sent = gannet.run("send", "--url", server.brokerUrl(), "--json", "-P", "kind=book", "moving",
                "one", "two", "three").assertStatus(ExitStatus.OK).json().getAsJsonObject();
        assertEquals(3, sent.get("sent").getAsInt());
        String two = sent.getAsJsonArray("messageIds").get(1).getAsString();

        JsonObject moved = gannet.run(manage("queue", "move", "moving", "moved", "--message", two, "--json"))
                .assertStatus(ExitStatus.OK).json().getAsJsonObject();
        assertEquals(1, moved.get("moved").getAsLong());
        assertEquals(two, gannet.run(manage("queue", "browse", "moved", "--json")).json().getAsJsonArray().get(0)
                .getAsJsonObject().get("messageId").getAsString());
        gannet.run(manage("queue", "move", "moving", "moved", "--message", two)).assertStatus(ExitStatus.NOT_FOUND);
        Launcher.Result rest = gannet.run(manage("queue", "move", "moving", "moved", "--selector", "kind = 'book'"))
                .assertStatus(ExitStatus.OK);
        assertEquals("Moved 2 message(s) from queue 'moving' to queue 'moved'", rest.stdout().strip());
        Launcher.Result badSelector = gannet.run(manage("queue", "move", "moved", "moving", "--selector", "kind ="))
                .assertStatus(ExitStatus.FAILED);
        assertTrue(badSelector.stderr().startsWith("gannet: "), badSelector.describe());
        gannet.run(manage("queue", "move", "moved", "moving", "--selector", "a = 1", "--message", two))
                .assertStatus(ExitStatus.USAGE);

        // a message that fails its one delivery attempt goes to retried.DLQ; retry sends it back to retried
        gannet.run("send", "--url", server.brokerUrl(), "retried", "poison").assertStatus(ExitStatus.OK);
        try (Connection connection = new GannetConnectionFactory(server.brokerUrl()).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("retried"));
            connection.start();
            assertNotNull(consumer.receive(30_000));
            session.rollback();
        }
        JsonObject dead = gannet.run(manage("queue", "stat", "retried.DLQ", "--json")).assertStatus(ExitStatus.OK)
                .json().getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(1, dead.get("depth").getAsLong());
        gannet.run(manage("queue", "retry", "retried.DLQ", "--message", "ID:none"))
                .assertStatus(ExitStatus.NOT_FOUND);
        JsonObject retried = gannet.run(manage("queue", "retry", "retried.DLQ", "--json"))
                .assertStatus(ExitStatus.OK).json().getAsJsonObject();
        assertEquals(1, retried.get("retried").getAsLong());
        JsonArray back = gannet.run("consume", "--url", server.brokerUrl(), "retried", "--json")
                .assertStatus(ExitStatus.OK).json().getAsJsonArray();
        assertEquals("poison", back.get(0).getAsJsonObject().get("body").getAsString());
    }

    @Test
    void sendAndConsume() throws Exception {
        gannet.runWithInput("line one\nline two\n", "send", "--url", server.brokerUrl(), "lines")
                .assertStatus(ExitStatus.OK);
        Launcher.Result one = gannet.run("consume", "--url", server.brokerUrl(), "lines")
                .assertStatus(ExitStatus.OK);
        assertTrue(one.lines().get(0).matches("MESSAGE_ID\\s+TIMESTAMP\\s+BODY_TYPE\\s+BODY"), one.describe());
        assertTrue(one.lines().get(1).matches("ID:\\S+\\s+\\S+Z\\s+TextMessage\\s+line one"), one.describe());
        JsonArray rest = gannet.run("consume", "--url", server.brokerUrl(), "lines", "--count", "5", "--timeout",
                "500", "--json").assertStatus(ExitStatus.OK).json().getAsJsonArray();
        assertEquals(1, rest.size());
        assertEquals("line two", rest.get(0).getAsJsonObject().get("body").getAsString());
        Launcher.Result none = gannet.run("consume", "--url", server.brokerUrl(), "lines", "--timeout", "200",
                "--json").assertStatus(ExitStatus.NOT_FOUND);
        assertEquals(0, none.json().getAsJsonArray().size());

        // a text with characters JSON escapes comes back whole
        String text = "quote \" backslash \\ tab \t é ✓";
        gannet.run("send", "--url", server.brokerUrl(), "odd", text).assertStatus(ExitStatus.OK);
        assertEquals(text, gannet.run("consume", "--url", server.brokerUrl(), "odd", "--json")
                .assertStatus(ExitStatus.OK).json().getAsJsonArray().get(0).getAsJsonObject().get("body")
                .getAsString());
    }

    @Test
    void connectionsAreListedAndClosed() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        long id = -1;
        try (Connection connection = new GannetConnectionFactory(server.brokerUrl()).createConnection()) {
            connection.setClientID("cli-watched");
            connection.setExceptionListener(e -> closed.countDown());
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            JsonObject listed = null;
            for (JsonElement element : gannet.run(manage("connection", "list", "--json"))
                    .assertStatus(ExitStatus.OK).json().getAsJsonArray()) {
                if ("cli-watched".equals(text(element.getAsJsonObject(), "clientId"))) {
                    listed = element.getAsJsonObject();
                }
            }
            assertNotNull(listed, "connection cli-watched not listed");
            assertEquals(1, listed.get("sessions").getAsInt());
            assertTrue(listed.get("remoteAddress").getAsString().startsWith("127.0.0.1:"), listed.toString());
            id = listed.get("id").getAsLong();
            String row = "\\s*" + id + "\\s+cli-watched\\s+-\\s+127\\.0\\.0\\.1:\\d+\\s+\\S+Z\\s+1\\s+0";
            Launcher.Result table = gannet.run(manage("connection", "list")).assertStatus(ExitStatus.OK);
            assertTrue(table.lines().stream().anyMatch(line -> line.matches(row)), table.describe());

            assertEquals("Closed connection " + id, gannet.run(manage("connection", "close", Long.toString(id)))
                    .assertStatus(ExitStatus.OK).stdout().strip());
            assertTrue(closed.await(60, TimeUnit.SECONDS), "the client's ExceptionListener did not hear the close");
        }
        gannet.run(manage("connection", "close", Long.toString(id))).assertStatus(ExitStatus.NOT_FOUND);
    }

    @Test
    void failuresEndWithTheirExitStatus() throws Exception {
        int closedPort = CliServer.freePort();
        Launcher.Result noServer = gannet.run("queue", "list", "--port", Integer.toString(closedPort))
                .assertStatus(ExitStatus.CANNOT_CONNECT);
        assertTrue(noServer.stderr().contains("Cannot connect to service:jmx:rmi:///jndi/rmi://127.0.0.1:"
                + closedPort + "/jmxrmi"), noServer.describe());
        gannet.run("send", "--url", "tcp://127.0.0.1:" + closedPort, "orders", "x")
                .assertStatus(ExitStatus.CANNOT_CONNECT);
        gannet.run("queue", "list", "--url", "not a url").assertStatus(ExitStatus.USAGE);
        gannet.run(manage("queue", "list", "--broker", "nosuch")).assertStatus(ExitStatus.NOT_FOUND);
        gannet.run(manage("queue", "frobnicate")).assertStatus(ExitStatus.USAGE);
        gannet.run(manage("queue", "move", "orders")).assertStatus(ExitStatus.USAGE);
        gannet.run().assertStatus(ExitStatus.USAGE);
        Launcher.Result help = gannet.run("--help").assertStatus(ExitStatus.OK);
        assertTrue(help.stdout().contains("Exit status:"), help.describe());
    }

    @Test
    void usersFile() throws Exception {
        Path users = directory.resolve("users.properties");
        Files.writeString(users, "# the operators\n");
        gannet.runWithInput("s3cret\n", "user", "add", users.toString(), "alice", "--iterations", "1000")
                .assertStatus(ExitStatus.OK);
        gannet.runWithInput("other\n", "user", "add", users.toString(), "bob", "--iterations", "1000", "--json")
                .assertStatus(ExitStatus.OK);
        assertTrue(UsersFile.read(users).matches("alice", "s3cret".toCharArray()));
        assertTrue(Files.readString(users).startsWith("# the operators\n"));
        assertFalse(Files.readString(users).contains("s3cret"));

        JsonArray listed = gannet.run("user", "list", users.toString(), "--json").assertStatus(ExitStatus.OK)
                .json().getAsJsonArray();
        List<String> names = new ArrayList<>();
        listed.forEach(element -> names.add(element.getAsJsonObject().get("user").getAsString()));
        assertEquals(List.of("alice", "bob"), names);
        assertEquals(List.of("USER", "alice", "bob"), gannet.run("user", "list", users.toString()).lines());

        gannet.run("user", "remove", users.toString(), "bob").assertStatus(ExitStatus.OK);
        gannet.run("user", "remove", users.toString(), "bob").assertStatus(ExitStatus.NOT_FOUND);
        gannet.runWithInput("", "user", "add", users.toString(), "carol").assertStatus(ExitStatus.USAGE);
        assertEquals(List.of("USER", "alice"), gannet.run("user", "list", users.toString()).lines());
    }

    /** {@code args} with the options that point a management command at the server. */
    private static String[] manage(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(server.management());
        return all.toArray(String[]::new);
    }

    private static JsonObject byName(JsonArray rows, String name) {
        JsonObject row = byNameOrNull(rows, name);
        assertNotNull(row, name + " not in " + rows);
        return row;
    }

    private static JsonObject byNameOrNull(JsonArray rows, String name) {
        for (JsonElement row : rows) {
            if (name.equals(row.getAsJsonObject().get("name").getAsString())) {
                return row.getAsJsonObject();
            }
        }
        return null;
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
