package dev.gannet.security;

import dev.gannet.api.SecurityConfig;
import dev.gannet.broker.Authenticator;
import dev.gannet.broker.Authenticator.Credentials;
import dev.gannet.broker.Authenticator.Login;
import dev.gannet.broker.BrokerSecurity;
import dev.gannet.broker.ConnectionIdentity;
import dev.gannet.protocol.Peer;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authenticator a {@link SecurityConfig} builds, on a timer the test runs by hand. */
@Timeout(60)
class ConfiguredAuthenticatorTest {

    private static final Peer CLIENT = new Peer("10.0.0.7:53122", List.of());
    private static final Peer SAME_HOST = new Peer("10.0.0.7:53999", List.of());

    @TempDir
    Path directory;
    private final ManualTimer timer = new ManualTimer();
    private Authenticator authenticator;

    @AfterEach
    void close() {
        if (authenticator != null) {
            authenticator.close();
        }
    }

    private Path usersFile(String... userPasswordPairs) throws Exception {
        Path file = directory.resolve("users.properties");
        for (int i = 0; i < userPasswordPairs.length; i += 2) {
            UsersFile.add(file, userPasswordPairs[i], userPasswordPairs[i + 1].toCharArray(), 1_000);
        }
        return file;
    }

    private Authenticator start(SecurityConfig config) {
        BrokerSecurity security = SecuredBroker.security("test", config, timer);
        assertTrue(security.authenticates());
        authenticator = security.authenticator();
        return authenticator;
    }

    private static Login loggedIn(CompletableFuture<Login> login) throws Exception {
        return login.get(30, TimeUnit.SECONDS);
    }

    /** The refusal of a login, once the timer has run its delay. */
    private JMSSecurityException refused(CompletableFuture<Login> login) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!login.isDone() && timer.pending().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(login.isDone(), "a refusal waits for its delay");
        timer.runScheduled();
        CompletionException failure = assertThrows(CompletionException.class, login::join);
        return assertInstanceOf(JMSSecurityException.class, failure.getCause());
    }

    @Test
    void aUserOfTheUsersFileLogsInWithItsPassword() throws Exception {
        start(SecurityConfig.builder().usersFile(usersFile("alice", "secret")).build());
        Login login = loggedIn(authenticator.authenticate(new Credentials("alice", "secret", CLIENT)));
        assertEquals(Login.of("alice"), login);
        assertNull(login.roles(), "a file user's roles are looked up in the roles file when asked");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefusedAlikeNamingTheUserNeverThePassword() throws Exception {
        start(SecurityConfig.builder().usersFile(usersFile("alice", "secret")).build());
        JMSSecurityException wrong = refused(authenticator.authenticate(new Credentials("alice", "guess-1", CLIENT)));
        JMSSecurityException unknown = refused(authenticator.authenticate(new Credentials("mallory", "guess-2",
                CLIENT)));
        assertEquals("Login of user 'alice' refused: unknown user or wrong password", wrong.getMessage());
        assertEquals("Login of user 'mallory' refused: unknown user or wrong password", unknown.getMessage());
        assertFalse(wrong.getMessage().contains("guess") || unknown.getMessage().contains("guess"));
    }

    @Test
    void refusalsWaitLongerEachTimeWhileAGoodLoginFromTheSameAddressIsNotHeldUp() throws Exception {
        start(SecurityConfig.builder().usersFile(usersFile("alice", "secret")).build());
        CompletableFuture<Login> first = authenticator.authenticate(new Credentials("alice", "bad", CLIENT));
        awaitScheduled(1);
        CompletableFuture<Login> second = authenticator.authenticate(new Credentials("alice", "bad", SAME_HOST));
        awaitScheduled(2);
        assertEquals(List.of(100L, 200L), timer.pending().stream().map(ManualTimer.Scheduled::delayMillis).toList());
        Login good = loggedIn(authenticator.authenticate(new Credentials("alice", "secret", SAME_HOST)));
        assertEquals("alice", good.user());
        assertFalse(first.isDone() || second.isDone(), "the refusals still wait for the timer");
        timer.runScheduled();
        assertTrue(first.isCompletedExceptionally() && second.isCompletedExceptionally());
        authenticator.authenticate(new Credentials("alice", "bad", CLIENT));
        awaitScheduled(1);
        assertEquals(100L, timer.pending().get(0).delayMillis(), "the good login reset the address's back-off");
        authenticator.authenticate(new Credentials("alice", "bad", new Peer("10.0.0.8:1", List.of())));
        awaitScheduled(2);
        assertEquals(100L, timer.pending().get(1).delayMillis(), "another address has its own back-off");
    }

    private void awaitScheduled(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (timer.pending().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(count, timer.pending().size());
    }

    @Test
    void withoutAUserNameAConnectionIsRefusedUnlessThereIsADefaultUser() throws Exception {
        Path users = usersFile("alice", "secret");
        start(SecurityConfig.builder().usersFile(users).build());
        assertEquals("Login refused: no user name given, and broker test has no default user",
                refused(authenticator.authenticate(new Credentials(null, null, CLIENT))).getMessage());
        authenticator.close();
        start(SecurityConfig.builder().usersFile(users).defaultUser("guest").build());
        assertEquals(Login.of("guest"), loggedIn(authenticator.authenticate(new Credentials(null, null, CLIENT))));
        assertEquals(Login.of("guest"), loggedIn(authenticator.authenticate(new Credentials("", "", CLIENT))));
        refused(authenticator.authenticate(new Credentials("alice", "wrong", CLIENT)));
    }

    @Test
    void aClientCertificateLogsInAsTheUserItsSubjectMatches() throws Exception {
        Path certificateUsers = directory.resolve("cert-users.properties");
        Files.writeString(certificateUsers, "alice = CN=alice,O=Gannet\nbob = CN=bob, OU=.*, O=Gannet\n");
        start(SecurityConfig.builder().usersFile(usersFile("carl", "secret")).certificateUsersFile(certificateUsers)
                .build());
        X509Certificate alice = TestCertificates.selfSigned(directory, "CN=alice, O=Gannet");
        X509Certificate bob = TestCertificates.selfSigned(directory, "CN=bob, OU=Payments, O=Gannet");
        X509Certificate eve = TestCertificates.selfSigned(directory, "CN=eve, O=Gannet");
        assertEquals(Login.of("alice"), loggedIn(authenticator.authenticate(
                new Credentials(null, null, new Peer("10.0.0.7:1", List.of(alice))))));
        assertEquals(Login.of("bob"), loggedIn(authenticator.authenticate(
                new Credentials(null, null, new Peer("10.0.0.7:2", List.of(bob))))));
        assertEquals("Login by client certificate CN=eve,O=Gannet refused: it is not the certificate of a user",
                refused(authenticator.authenticate(new Credentials(null, null, new Peer("10.0.0.7:3", List.of(eve)))))
                        .getMessage());
        assertEquals(Login.of("carl"), loggedIn(authenticator.authenticate(
                new Credentials("carl", "secret", new Peer("10.0.0.7:4", List.of(eve))))),
                "a user name given logs in by password, certificate or not");
    }

    @Test
    void aJaasLoginGivesTheNameAndTheRolesOfItsSubject() throws Exception {
        Path loginConfig = jaasConfig();
        start(SecurityConfig.builder().jaas(new SecurityConfig.Jaas(loginConfig, "GannetTest")).build());
        Login carol = loggedIn(authenticator.authenticate(new Credentials(TestLoginModule.USER,
                TestLoginModule.PASSWORD, CLIENT)));
        assertEquals(new Login(TestLoginModule.USER, Set.of(TestLoginModule.ROLE)), carol);
        assertEquals("Login of user 'carol' refused: unknown user or wrong password",
                refused(authenticator.authenticate(new Credentials(TestLoginModule.USER, "wrong", CLIENT)))
                        .getMessage());
        authenticator.close();
        start(SecurityConfig.builder().jaas(new SecurityConfig.Jaas(loginConfig, "GannetTest",
                List.of(TestLoginModule.GroupPrincipal.class.getName()))).build());
        assertEquals(Set.of(TestLoginModule.GROUP), loggedIn(authenticator.authenticate(new Credentials(
                TestLoginModule.USER, TestLoginModule.PASSWORD, CLIENT))).roles(), "the configured classes only");
    }

    @Test
    void theUsersFileIsAskedBeforeTheJaasLogin() throws Exception {
        start(SecurityConfig.builder().usersFile(usersFile("alice", "secret"))
                .jaas(new SecurityConfig.Jaas(jaasConfig(), "GannetTest")).build());
        assertEquals(Login.of("alice"), loggedIn(authenticator.authenticate(new Credentials("alice", "secret",
                CLIENT))));
        assertEquals(TestLoginModule.USER, loggedIn(authenticator.authenticate(new Credentials(TestLoginModule.USER,
                TestLoginModule.PASSWORD, CLIENT))).user());
        refused(authenticator.authenticate(new Credentials("alice", TestLoginModule.PASSWORD, CLIENT)));
    }

    @Test
    void aJaasEntryTheLoginConfigurationLacksStopsTheStart() throws Exception {
        Path loginConfig = jaasConfig();
        String message = assertThrows(IllegalArgumentException.class, () -> SecuredBroker.security("test",
                SecurityConfig.builder().jaas(new SecurityConfig.Jaas(loginConfig, "Missing")).build(), timer))
                .getMessage();
        assertTrue(message.contains("has no entry 'Missing'"), message);
        Path missing = directory.resolve("missing.config");
        message = assertThrows(IllegalArgumentException.class, () -> SecuredBroker.security("test",
                SecurityConfig.builder().jaas(new SecurityConfig.Jaas(missing, "GannetTest")).build(), timer))
                .getMessage();
        assertTrue(message.contains(missing + " does not exist"), message);
    }

    private Path jaasConfig() throws Exception {
        Path file = directory.resolve("login.config");
        Files.writeString(file, "GannetTest {\n    " + TestLoginModule.class.getName() + " required;\n};\n");
        return file;
    }

    @Test
    void aChangedUsersFileAppliesAtTheNextCheckAndABrokenOneKeepsTheLastGood() throws Exception {
        Path users = usersFile("alice", "old-password");
        start(SecurityConfig.builder().usersFile(users).reloadInterval(Duration.ofSeconds(1)).build());
        UsersFile.add(users, "alice", "new-password".toCharArray(), 1_000);
        timer.runRepeated();
        assertEquals("alice", loggedIn(authenticator.authenticate(new Credentials("alice", "new-password", CLIENT)))
                .user());
        refused(authenticator.authenticate(new Credentials("alice", "old-password", CLIENT)));
        Files.writeString(users, "alice = plain-text\n");
        timer.runRepeated();
        assertEquals("alice", loggedIn(authenticator.authenticate(new Credentials("alice", "new-password", CLIENT)))
                .user(), "the broken file is not taken");
    }

    @Test
    void aPlainTextPasswordOrNoWayToLogInStopsTheStart() throws Exception {
        Path users = directory.resolve("users.properties");
        Files.writeString(users, "alice = hunter2\n");
        String message = assertThrows(IllegalArgumentException.class, () -> SecuredBroker.security("test",
                SecurityConfig.builder().usersFile(users).build(), timer)).getMessage();
        assertTrue(message.contains("user 'alice' is in plain text; replace it with its hash"), message);
        assertFalse(message.contains("hunter2"));
        message = assertThrows(IllegalArgumentException.class, () -> SecuredBroker.security("test",
                SecurityConfig.builder().build(), timer)).getMessage();
        assertTrue(message.contains("no way to log in"), message);
    }

    @Test
    void aFileUsersRolesAreTheRolesFilesOfNowAndAJaasUsersThoseOfItsLogin() throws Exception {
        Path roles = directory.resolve("roles.properties");
        Files.writeString(roles, "admins = alice, bob\nusers = alice\n");
        ReloadingFile<RolesFile> file = new ReloadingFile<>(roles, "Roles file", RolesFile::parse, timer, 1_000);
        UserRoles userRoles = new UserRoles(file);
        ConnectionIdentity alice = new ConnectionIdentity(1, "alice", null);
        assertEquals(Set.of("admins", "users"), userRoles.of(alice));
        assertEquals(Set.of(), userRoles.of(new ConnectionIdentity(2, null, null)));
        assertEquals(Set.of("auditors"), userRoles.of(new ConnectionIdentity(3, "carol", null, Set.of("auditors"))));
        Files.writeString(roles, "admins = bob\n");
        timer.runRepeated();
        assertEquals(Set.of(), userRoles.of(alice), "a reload applies to an identity of before");
    }
}
