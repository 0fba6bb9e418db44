package dev.gannet.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersFileTest {

    @TempDir
    Path directory;

    @Test
    void addCreatesTheFileWithAHashedLine() throws Exception {
        Path file = directory.resolve("users.properties");
        UsersFile.add(file, "alice", "secret".toCharArray(), 1_000);
        String text = Files.readString(file);
        assertTrue(text.startsWith("alice = ENC(PBKDF2WithHmacSHA256:1000:"), text);
        assertFalse(text.contains("secret"));
        UsersFile users = UsersFile.read(file);
        assertEquals(Set.of("alice"), users.users());
        assertTrue(users.matches("alice", "secret".toCharArray()));
        assertFalse(users.matches("alice", "wrong".toCharArray()));
        assertFalse(users.matches("bob", "secret".toCharArray()));
    }

    @Test
    void addReplacesAUsersLineAndKeepsEveryOtherLineAndComment() throws Exception {
        Path file = directory.resolve("users.properties");
        UsersFile.add(file, "bob", "bob-1".toCharArray(), 1_000);
        String bobLine = Files.readAllLines(file).get(0);
        Files.writeString(file, "# the users of the orders broker\n\nalice = " + PasswordHash.of("a".toCharArray(),
                1_000) + "\n" + bobLine + "\n! end\n");
        UsersFile.add(file, "alice", "a-2".toCharArray(), 1_000);
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size(), lines.toString());
        assertEquals("# the users of the orders broker", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.get(2).startsWith("alice = ENC("));
        assertEquals(bobLine, lines.get(3));
        assertEquals("! end", lines.get(4));
        UsersFile users = UsersFile.read(file);
        assertTrue(users.matches("alice", "a-2".toCharArray()));
        assertFalse(users.matches("alice", "a".toCharArray()));
        assertTrue(users.matches("bob", "bob-1".toCharArray()));
    }

    @Test
    void removeDropsTheUsersLineOnly() throws Exception {
        Path file = directory.resolve("users.properties");
        UsersFile.add(file, "alice", "a".toCharArray(), 1_000);
        UsersFile.add(file, "bob", "b".toCharArray(), 1_000);
        assertTrue(UsersFile.remove(file, "alice"));
        assertFalse(UsersFile.remove(file, "alice"));
        assertEquals(Set.of("bob"), UsersFile.read(file).users());
        assertFalse(UsersFile.remove(directory.resolve("missing"), "bob"));
    }

    @Test
    void userNamesWithPropertiesSyntaxAreWrittenSoTheyReadBack() throws Exception {
        Path file = directory.resolve("users.properties");
        String odd = "svc app=1:#x!\\";
        UsersFile.add(file, odd, "pw".toCharArray(), 1_000);
        UsersFile.add(file, "plain", "pw2".toCharArray(), 1_000);
        UsersFile.add(file, odd, "pw3".toCharArray(), 1_000);
        UsersFile users = UsersFile.read(file);
        assertEquals(Set.of(odd, "plain"), users.users());
        assertTrue(users.matches(odd, "pw3".toCharArray()));
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aPlainTextPasswordIsRefusedWithHowToHashIt() throws Exception {
        Path file = directory.resolve("users.properties");
        Files.writeString(file, "alice = " + PasswordHash.of("a".toCharArray(), 1_000) + "\nbob = hunter2\n");
        String message = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file)).getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("user 'bob' is in plain text"), message);
        assertTrue(message.contains("dev.gannet.security.UsersTool add " + file + " bob"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void aMissingOrMalformedFileIsRefusedNamingIt() throws Exception {
        Path missing = directory.resolve("missing.properties");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsersFile.read(missing)).getMessage()
                .contains(missing + " does not exist"));
        Path malformed = directory.resolve("malformed.properties");
        Files.writeString(malformed, "alice = ENC(PBKDF2WithHmacSHA256:1000:xx)\n");
        String message = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(malformed))
                .getMessage();
        assertTrue(message.contains("hash of user 'alice' is malformed"), message);
    }

    @Test
    void theToolAddsAUserWithThePasswordOfStandardInput() throws Exception {
        Path file = directory.resolve("users.properties");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = UsersTool.run(new String[] {"add", file.toString(), "alice", "1000"},
                () -> "from-stdin".toCharArray(), print(out), print(err));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(UsersFile.read(file).matches("alice", "from-stdin".toCharArray()));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("from-stdin"));
        assertEquals(0, UsersTool.run(new String[] {"remove", file.toString(), "alice"}, () -> null, print(out),
                print(err)));
        assertEquals(Set.of(), UsersFile.read(file).users());
    }

    @Test
    void theToolRefusesABadCommandLineOrNoPassword() {
        Path file = directory.resolve("users.properties");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = print(new ByteArrayOutputStream());
        assertEquals(2, UsersTool.run(new String[] {"add", file.toString()}, () -> "x".toCharArray(), out,
                print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
        assertEquals(2, UsersTool.run(new String[] {"add", file.toString(), "alice"}, () -> null, out, print(err)));
        assertEquals(2, UsersTool.run(new String[] {"add", file.toString(), "alice", "12"}, () -> "x".toCharArray(),
                out, print(err)));
        assertEquals(1, UsersTool.run(new String[] {"remove", file.toString(), "alice"}, () -> null, out,
                print(err)));
        assertFalse(Files.exists(file));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
