package dev.gannet.server;

import dev.gannet.api.SecurityConfig;
import dev.gannet.security.UsersFile;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's {@code security.*} keys of authentication: files relative to the config file's directory and checked at
 * load, one message line per bad key, and a server that refuses bad credentials over tcp.
 */
@Timeout(60)
class ServerConfigSecurityTest {

    @TempDir
    Path directory;

    @BeforeEach
    void files() throws Exception {
        UsersFile.add(directory.resolve("users.properties"), "alice", "secret".toCharArray(), 1_000);
        Files.writeString(directory.resolve("roles.properties"), "admins = alice\n");
        Files.writeString(directory.resolve("cert-users.properties"), "alice = CN=alice\n");
        Files.writeString(directory.resolve("login.config"),
                "GannetTest {\n    dev.gannet.security.TestLoginModule required;\n};\n");
    }

    private ServerConfig parse(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("broker.name", "secured");
        properties.setProperty("store", "memory");
        properties.setProperty("tcp.port", "0");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            properties.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return ServerConfig.fromProperties(properties, directory);
    }

    private String problem(String... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void securityIsOffUnlessEnabled() {
        assertSame(SecurityConfig.DISABLED, parse().broker().security());
        assertSame(SecurityConfig.DISABLED, parse("security.enabled=false").broker().security());
    }

    @Test
    void everyAuthenticationKeyIsReadWithFilesRelativeToTheConfigDirectory() {
        SecurityConfig security = parse("security.enabled=TRUE", "security.users.file=users.properties",
                "security.roles.file=roles.properties", "security.certificate.users.file=cert-users.properties",
                "security.jaas.config=login.config", "security.jaas.entry=GannetTest",
                "security.jaas.role.principal.classes=a.Role, b.Group", "security.default.user=guest",
                "security.populate.user.id=false", "security.reload.interval.ms=250").broker().security();

        assertTrue(security.enabled());
        assertEquals(directory.resolve("users.properties"), security.usersFile());
        assertEquals(directory.resolve("roles.properties"), security.rolesFile());
        assertEquals(directory.resolve("cert-users.properties"), security.certificateUsersFile());
        assertEquals(new SecurityConfig.Jaas(directory.resolve("login.config"), "GannetTest",
                List.of("a.Role", "b.Group")), security.jaas());
        assertEquals("guest", security.defaultUser());
        assertFalse(security.populateUserId());
        assertEquals(Duration.ofMillis(250), security.reloadInterval());
    }

    @Test
    void theDefaultsPopulateTheUserIdAndReloadEveryFiveSeconds() {
        SecurityConfig security = parse("security.enabled=true", "security.users.file=users.properties")
                .broker().security();
        assertTrue(security.populateUserId());
        assertEquals(Duration.ofSeconds(5), security.reloadInterval());
        assertNull(security.rolesFile());
        assertNull(security.jaas());
        assertNull(security.defaultUser());
    }

    @Test
    void badSecurityKeysAreNamedOnePerLine() throws Exception {
        Files.writeString(directory.resolve("plain.properties"), "bob = hunter2\n");
        String message = problem("security.enabled=true", "security.users.file=plain.properties",
                "security.roles.file=missing.properties", "security.populate.user.id=yes",
                "security.reload.interval.ms=-1", "security.default.user=");
        List<String> lines = message.lines().toList();
        assertEquals(5, lines.size(), message);
        assertTrue(lines.get(0).startsWith("security.users.file: Users file " + directory.resolve("plain.properties")
                + ": the password of user 'bob' is in plain text; replace it with its hash: java -cp GANNET_CLASSPATH"
                + " dev.gannet.security.UsersTool add"), lines.get(0));
        assertEquals("security.roles.file: Roles file " + directory.resolve("missing.properties")
                + " does not exist or is not a file", lines.get(1));
        assertEquals("security.default.user: must not be empty (leave the key out for none)", lines.get(2));
        assertEquals("security.populate.user.id: 'yes' is not true or false", lines.get(3));
        assertEquals("security.reload.interval.ms: '-1' is not a whole number of milliseconds >= 0 (0: never)",
                lines.get(4));
        assertFalse(message.contains("hunter2"));
    }

    @Test
    void jaasKeysAreCheckedAgainstTheLoginConfiguration() {
        assertEquals("security.jaas.config: JAAS login configuration " + directory.resolve("login.config")
                        + " has no entry 'Other'",
                problem("security.enabled=true", "security.jaas.config=login.config", "security.jaas.entry=Other"));
        assertEquals("security.jaas.entry: required with security.jaas.config and security.jaas.role.principal.classes",
                problem("security.enabled=true", "security.users.file=users.properties",
                        "security.jaas.config=login.config"));
    }

    @Test
    void securityEnabledNeedsAWayToLogInAndTheOtherKeysNeedItEnabled() {
        assertEquals("security.enabled: true, but nobody can log in: set security.users.file, security.jaas.entry,"
                + " security.certificate.users.file or security.default.user", problem("security.enabled=true"));
        assertEquals("security.enabled: 'on' is not true or false", problem("security.enabled=on"));
        assertEquals("security.users.file: applies only with security.enabled=true",
                problem("security.users.file=users.properties"));
        String unknown = problem("security.enabled=true", "security.default.user=guest", "security.userz=x");
        assertTrue(unknown.startsWith("security.userz: unknown key (known keys: "), unknown);
        assertTrue(unknown.contains("security.reload.interval.ms"), unknown);
    }

    @Test
    void aServerWithSecurityRefusesBadCredentialsOverTcp() throws Exception {
        try (RunningServer server = RunningServer.start(parse("security.enabled=true",
                "security.users.file=users.properties"))) {
            var factory = new dev.gannet.client.GannetConnectionFactory(server.url());
            factory.createConnection("alice", "secret").close();
            assertEquals("Login of user 'alice' refused: unknown user or wrong password",
                    assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "nope"))
                            .getMessage());
        }
    }
}
