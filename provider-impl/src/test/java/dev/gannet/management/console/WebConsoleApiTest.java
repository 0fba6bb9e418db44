package dev.gannet.management.console;

import dev.gannet.server.ServerConfig;
import dev.gannet.transport.tcp.tls.TestPki;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's JSON API over plain HTTP, as a forging site or a script would call it: logins, sessions, the CSRF
 * token every change needs, the manage right, and escaping of untrusted message text. A real server, security on and
 * off.
 */
@Timeout(120)
class WebConsoleApiTest {

    private static final Pattern CSRF = Pattern.compile("\"csrf\":\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(WebConsole.SESSION_COOKIE + "=([^;]*)");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    /** A session: its cookie and CSRF token. */
    private record Login(String cookie, String csrf) {
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true)) {
            send(server, "bulk", 3);
            Login login = login(server, "admin", ConsoleServer.PASSWORD);

            HttpResponse<String> noToken = post(server, "/api/purge", "queue=bulk", login.cookie(), null);
            assertEquals(403, noToken.statusCode(), noToken.body());
            assertTrue(noToken.body().contains("CSRF"), noToken.body());
            HttpResponse<String> wrongToken = post(server, "/api/purge", "queue=bulk", login.cookie(),
                    login.csrf() + "x");
            assertEquals(403, wrongToken.statusCode(), wrongToken.body());
            assertTrue(get(server, "/api/queues?filter=bulk", login.cookie()).body().contains("\"depth\":3"),
                    "a refused purge removes nothing");

            HttpResponse<String> purged = post(server, "/api/purge", "queue=bulk", login.cookie(), login.csrf());
            assertEquals(200, purged.statusCode(), purged.body());
            assertTrue(purged.body().contains("\"count\":3"), purged.body());
            assertTrue(get(server, "/api/queues?filter=bulk", login.cookie()).body().contains("\"depth\":0"));
        }
    }

    @Test
    void changesAreRefusedOverGetAndWithoutASession() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true)) {
            Login login = login(server, "admin", ConsoleServer.PASSWORD);
            HttpResponse<String> overGet = get(server, "/api/purge?queue=bulk", login.cookie());
            assertEquals(404, overGet.statusCode(), "a change is no page to read: " + overGet.body());
            assertEquals(401, get(server, "/api/queues", null).statusCode());
            assertEquals(401, post(server, "/api/purge", "queue=bulk", null, login.csrf()).statusCode(),
                    "a token without its session is nothing");
            assertEquals(401, get(server, "/api/queues", WebConsole.SESSION_COOKIE + "=forged").statusCode());
        }
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true)) {
            HttpResponse<String> response = postLogin(server, "user=admin&password=" + ConsoleServer.PASSWORD, true);
            assertEquals(200, response.statusCode(), response.body());
            String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.contains("HttpOnly"), setCookie);
            assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
            assertFalse(response.body().contains(ConsoleServer.PASSWORD), "no password in the answer");
            String cookie = cookieOf(response);
            String csrf = csrfOf(response.body());
            assertEquals(200, get(server, "/api/queues", cookie).statusCode());

            assertEquals(200, post(server, "/api/logout", "", cookie, csrf).statusCode());
            assertEquals(401, get(server, "/api/queues", cookie).statusCode(), "the session is gone");
        }
    }

    @Test
    void refusedLogins() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true)) {
            HttpResponse<String> wrongPassword = postLogin(server, "user=admin&password=wrong", true);
            assertEquals(401, wrongPassword.statusCode(), wrongPassword.body());
            assertTrue(wrongPassword.headers().firstValue("Set-Cookie").isEmpty());
            HttpResponse<String> noManage = postLogin(server, "user=app&password=" + ConsoleServer.PASSWORD, true);
            assertEquals(403, noManage.statusCode(), noManage.body());
            assertTrue(noManage.body().contains("manage"), noManage.body());
            HttpResponse<String> crossSite = postLogin(server, "user=admin&password=" + ConsoleServer.PASSWORD,
                    false);
            assertEquals(403, crossSite.statusCode(), "a login without the console's header (a cross-site form): "
                    + crossSite.body());
        }
    }

    @Test
    void aQueueTheManagerMayNotManageIsNeitherListedNorTouched() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true, "queues=orders,secret",
                "security.permission.secret.manage=")) {
            Login login = login(server, "admin", ConsoleServer.PASSWORD);
            String queues = get(server, "/api/queues", login.cookie()).body();
            assertTrue(queues.contains("\"orders\""), queues);
            assertFalse(queues.contains("secret"), queues);
            assertEquals(403, get(server, "/api/messages?queue=secret", login.cookie()).statusCode());
            assertEquals(403, post(server, "/api/purge", "queue=secret", login.cookie(), login.csrf()).statusCode());
            assertEquals(403, post(server, "/api/move", "queue=orders&target=secret", login.cookie(), login.csrf())
                    .statusCode(), "nor moved into");
        }
    }

    @Test
    void withoutSecurityNobodyLogsInButChangesStillNeedTheToken() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, false)) {
            send(server, "bulk", 2);
            HttpResponse<String> session = get(server, "/api/session", null);
            assertEquals(200, session.statusCode());
            assertTrue(session.body().contains("\"loginRequired\":false"), session.body());
            String cookie = cookieOf(session);
            String csrf = csrfOf(session.body());

            assertEquals(403, post(server, "/api/purge", "queue=bulk", cookie, null).statusCode());
            HttpResponse<String> purged = post(server, "/api/purge", "queue=bulk", cookie, csrf);
            assertEquals(200, purged.statusCode(), purged.body());
            assertTrue(purged.body().contains("\"count\":2"), purged.body());
        }
    }

    @Test
    void retryingNeedsTheRightToManageTheWholeBrokerNotJustTheDeadLetterQueue() throws Exception {
        // app manages the DLQ only: a retry sends each message to the destination its own property names
        try (ConsoleServer server = new ConsoleServer(directory, true, "security.permission.DLQ.manage=admins,apps",
                "security.permission.DLQ.send=admins,apps", "security.permission.DLQ.consume=admins,apps",
                "security.permission.DLQ.browse=admins,apps")) {
            Connection connection = server.connection(null);
            try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                session.createProducer(session.createQueue("work")).send(session.createTextMessage("job 1"));
                session.commit();
                assertNotNull(session.createConsumer(session.createQueue("work")).receive(10_000));
                session.rollback(); // its one delivery attempt failed: to the dead-letter queue
            }
            Login admin = login(server, "admin", ConsoleServer.PASSWORD);
            awaitDepth(server, admin, "DLQ", 1);

            HttpResponse<String> refused = postLogin(server, "user=app&password=" + ConsoleServer.PASSWORD, true);
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Set-Cookie").isEmpty(), "no session to retry with");
            assertEquals(1, depth(server, admin, "DLQ"), "nothing moved");
            assertEquals(0, depth(server, admin, "work"));

            HttpResponse<String> retried = post(server, "/api/retry", "queue=DLQ", admin.cookie(), admin.csrf());
            assertEquals(200, retried.statusCode(), retried.body());
            assertTrue(retried.body().contains("\"count\":1"), "a manager of the whole broker may: " + retried.body());
        }
    }

    @Test
    void removeNeedsAMessageIdAndNeverEmptiesTheQueueUnconfirmed() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true)) {
            send(server, "bulk", 3);
            Login login = login(server, "admin", ConsoleServer.PASSWORD);
            HttpResponse<String> noId = post(server, "/api/remove", "queue=bulk", login.cookie(), login.csrf());
            assertEquals(400, noId.statusCode(), noId.body());
            assertTrue(noId.body().contains("messageId"), noId.body());
            assertEquals(3, depth(server, login, "bulk"), "removing all is a purge, which the console confirms");
        }
    }

    @Test
    void aRequestNotNamingTheConsolesOwnHostIsRefusedSoThatDnsRebindingCannotReachIt() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, false)) {
            int port = URI.create(server.base()).getPort();
            String rebound = rawGet(server, "/api/session", "attacker.example:" + port);
            assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
            assertFalse(rebound.toLowerCase(Locale.ROOT).contains("set-cookie"), "no session: " + rebound);
            assertFalse(rebound.contains("csrf"), "no token: " + rebound);
            assertTrue(rawGet(server, "/console/", "attacker.example:" + port).startsWith("HTTP/1.1 403"),
                    "nor the page");
            assertTrue(rawGet(server, "/api/session", "127.0.0.1:" + (port + 1)).startsWith("HTTP/1.1 403"),
                    "another port is another site");
            for (String own : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port)) {
                String answer = rawGet(server, "/api/session", own);
                assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("csrf"), own + ": " + answer);
            }
        }
    }

    @Test
    void aConsoleOnAWildcardAddressAnswersAnyHostName() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, false, "management.console.host=0.0.0.0")) {
            int port = URI.create(server.base()).getPort();
            assertTrue(rawGet(server, "/api/session", "broker.example:" + port).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void aLoggedUserNameIsOneLineOfBoundedLength() {
        assertEquals("admin?INFO forged", ConsoleApi.loggable("admin\nINFO forged"));
        assertEquals("x".repeat(64) + "...", ConsoleApi.loggable("x".repeat(1000)));
        assertEquals("ålice", ConsoleApi.loggable("ålice"));
    }

    @Test
    void untrustedMessageTextComesBackEscaped() throws Exception {
        try (ConsoleServer server = new ConsoleServer(directory, true)) {
            Connection connection = server.connection(null);
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TextMessage message = session.createTextMessage("</script><img src=x onerror=alert(1)>");
                message.setStringProperty("note", "<b>\"bold\"</b>");
                session.createProducer(session.createQueue("orders")).send(message);
            }
            Login login = login(server, "admin", ConsoleServer.PASSWORD);
            HttpResponse<String> page = get(server, "/api/messages?queue=orders", login.cookie());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertFalse(page.body().contains("<"), "no raw markup: " + page.body());
            assertTrue(page.body().contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"),
                    page.body());
            assertTrue(page.body().contains("\\u003cb\\u003e\\\"bold\\\"\\u003c/b\\u003e"), page.body());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        }
    }

    @Test
    void theSampleConfigsConsoleLetsInItsAdminOnly() throws Exception {
        Path samples = Path.of("..", "samples", "security").toAbsolutePath().normalize();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(samples.resolve("gannet-console.properties"))) {
            properties.load(reader);
        }
        properties.setProperty("tcp.port", "0");
        properties.setProperty("management.console.port", "0");
        properties.setProperty("data.directory", directory.resolve("data").toString());
        try (ConsoleServer server = new ConsoleServer(ServerConfig.fromProperties(properties, samples))) {
            Login admin = login(server, "admin", "admin-secret");
            assertEquals(200, get(server, "/api/queues?filter=orders", admin.cookie()).statusCode());
            assertEquals(403, postLogin(server, "user=shop&password=shop-secret", true).statusCode());
        }
    }

    @Test
    void withTheServersTlsSettingsTheConsoleSpeaksHttpsAndItsCookieIsSecure() throws Exception {
        TestPki pki = TestPki.create(directory);
        try (ConsoleServer server = new ConsoleServer(directory, false, "tls.port=0", "tls.key.store="
                + pki.file(TestPki.SERVER), "tls.key.store.password=" + TestPki.PASSWORD)) {
            String url = server.server().consoleUrl().orElseThrow();
            assertTrue(url.startsWith("https://127.0.0.1:"), url);
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, pki.store(TestPki.TRUST).trustManagers().getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(trusting).build();
            HttpResponse<String> session = https.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/api/session")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, session.statusCode(), session.body());
            String cookie = session.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("; Secure"), cookie);

            String plain = server.base().replace("https://", "http://");
            assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(URI.create(plain
                    + "/api/session")).build(), HttpResponse.BodyHandlers.ofString()), "no plain HTTP on its port");
        }
    }

    // ---- helpers

    private static void send(ConsoleServer server, String queue, int count) throws JMSException {
        Connection connection = server.connection(null);
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("message " + i));
            }
        }
    }

    /** The answer to a GET of {@code path} sent with the Host header {@code host}, as a rebinding page's is. */
    private static String rawGet(ConsoleServer server, String path, String host) throws IOException {
        URI base = URI.create(server.base());
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private long depth(ConsoleServer server, Login login, String queue) throws IOException, InterruptedException {
        String body = get(server, "/api/queues?filter=" + queue, login.cookie()).body();
        Matcher matcher = Pattern.compile("\"name\":\"" + queue + "\"[^}]*?\"depth\":(\\d+)").matcher(body);
        if (!matcher.find()) {
            matcher = Pattern.compile("\"depth\":(\\d+)[^}]*?\"name\":\"" + queue + "\"").matcher(body);
            assertTrue(matcher.find(), body);
        }
        return Long.parseLong(matcher.group(1));
    }

    private void awaitDepth(ConsoleServer server, Login login, String queue, long expected) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (depth(server, login, queue) != expected) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within 30 s: " + expected + " message(s) in " + queue);
            }
            Thread.sleep(50);
        }
    }

    private Login login(ConsoleServer server, String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = postLogin(server, "user=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8), true);
        assertEquals(200, response.statusCode(), response.body());
        return new Login(cookieOf(response), csrfOf(response.body()));
    }

    private HttpResponse<String> postLogin(ConsoleServer server, String form, boolean consoleHeader)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (consoleHeader) {
            request.header(WebConsole.LOGIN_HEADER, "gannet-console");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ConsoleServer server, String path, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ConsoleServer server, String path, String form, String cookie, String csrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null) {
            request.header(WebConsole.CSRF_HEADER, csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieOf(HttpResponse<String> response) {
        Matcher matcher = COOKIE.matcher(response.headers().firstValue("Set-Cookie").orElseThrow());
        assertTrue(matcher.find());
        return WebConsole.SESSION_COOKIE + "=" + matcher.group(1);
    }

    private static String csrfOf(String body) {
        Matcher matcher = CSRF.matcher(body);
        assertTrue(matcher.find(), body);
        assertNotNull(matcher.group(1));
        return matcher.group(1);
    }
}
