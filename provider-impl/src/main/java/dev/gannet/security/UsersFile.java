package dev.gannet.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A users file of a secured broker, in the format of ActiveMQ Artemis' {@code artemis-users.properties}: a
 * {@link Properties} file (UTF-8) of {@code user = ENC(PBKDF2WithHmacSHA256:ITERATIONS:SALT:HASH)} lines, each password
 * hashed with PBKDF2 (HMAC-SHA256, a random 16-byte salt, {@value #DEFAULT_ITERATIONS} iterations unless chosen
 * otherwise). A password in plain text is refused: the broker does not start with it.
 *
 * <p>{@link #add} and {@link #remove} write a user's line, keeping every other line and comment of the file as it is;
 * the {@link UsersTool} runs them from a shell. A running broker reads the file again when it changes.
 */
public final class UsersFile {

    /** Iterations of a hash {@link #add} writes unless told otherwise. */
    public static final int DEFAULT_ITERATIONS = PasswordHash.DEFAULT_ITERATIONS;

    private final Map<String, PasswordHash> hashes;

    private UsersFile(Map<String, PasswordHash> hashes) {
        this.hashes = hashes;
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file, and the user whose line is wrong, if the file cannot be read,
     *                                  holds a password in plain text (saying how to hash it) or a malformed hash
     */
    public static UsersFile read(Path file) {
        return ReloadingFile.readOnce(file, "Users file", bytes -> parse(bytes, file));
    }

    /** The users the file holds. */
    public Set<String> users() {
        return hashes.keySet();
    }

    /** Whether {@code password} is the password of {@code user}; false for a user the file does not hold. */
    public boolean matches(String user, char[] password) {
        PasswordHash hash = hashes.get(user);
        return hash != null && hash.matches(password);
    }

    /** The hash of {@code user}'s password, or null if the file does not hold {@code user}. */
    PasswordHash hashOf(String user) {
        return hashes.get(user);
    }

    /** What a users file's bytes say; {@code file} is named in the advice to hash a plain-text password. */
    static UsersFile parse(byte[] bytes, Path file) {
        Properties lines = PropertiesText.parse(bytes);
        Map<String, PasswordHash> hashes = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String user : new TreeSet<>(lines.stringPropertyNames())) {
            String value = lines.getProperty(user).trim();
            if (user.isEmpty()) {
                problems.add("a line has no user name");
            } else if (!PasswordHash.looksHashed(value)) {
                problems.add("the password of user '" + user + "' is in plain text; replace it with its hash: java -cp"
                        + " GANNET_CLASSPATH " + UsersTool.class.getName() + " add " + file + " " + user);
            } else {
                try {
                    hashes.put(user, PasswordHash.parse(value));
                } catch (IllegalArgumentException e) {
                    problems.add("the password hash of user '" + user + "' is malformed: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new UsersFile(Map.copyOf(hashes));
    }

    /**
     * Adds {@code user} with {@code password} hashed ({@value #DEFAULT_ITERATIONS} iterations) to the users file
     * {@code file}, or replaces the user's password; creates the file if it is missing.
     *
     * @throws IllegalArgumentException if {@code user} is empty
     * @throws IOException              if the file cannot be read or written
     */
    public static void add(Path file, String user, char[] password) throws IOException {
        add(file, user, password, DEFAULT_ITERATIONS);
    }

    /**
     * {@link #add(Path, String, char[])} with {@code iterations} iterations of PBKDF2 (more is slower to guess and
     * slower to log in).
     *
     * @throws IllegalArgumentException if {@code user} is empty or {@code iterations} fewer than 1000
     * @throws IOException              if the file cannot be read or written
     */
    public static void add(Path file, String user, char[] password, int iterations) throws IOException {
        requireUser(user);
        String line = PropertiesText.escapeKey(user) + " = " + PasswordHash.of(password, iterations);
        rewrite(file, user, line);
    }

    /**
     * Removes {@code user} from the users file {@code file}.
     *
     * @return false if the file did not hold the user (it is left as it was)
     * @throws IOException if the file cannot be read or written
     */
    public static boolean remove(Path file, String user) throws IOException {
        requireUser(user);
        if (!Files.exists(file)) {
            return false;
        }
        return rewrite(file, user, null);
    }

    private static void requireUser(String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("A user needs a name");
        }
    }

    /**
     * Writes {@code file} with the lines of {@code user} replaced by {@code line} (removed when null; appended when
     * the file held none), every other line as it was; atomically where the file system allows.
     *
     * @return whether the file held {@code user}
     */
    private static boolean rewrite(Path file, String user, String line) throws IOException {
        List<String> physical = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (List<String> logical : logicalLines(physical)) {
            if (user.equals(keyOf(logical))) {
                if (!found && line != null) {
                    out.add(line);
                }
                found = true;
            } else {
                out.addAll(logical);
            }
        }
        if (!found && line == null) {
            return false;
        }
        if (!found) {
            out.add(line);
        }
        write(file, out);
        return found;
    }

    /** The physical lines grouped into the logical lines of {@link Properties} (a trailing odd backslash continues). */
    private static List<List<String>> logicalLines(List<String> physical) {
        List<List<String>> logical = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : physical) {
            current.add(line);
            boolean comment = current.size() == 1 && isCommentOrBlank(line);
            if (comment || !continues(line)) {
                logical.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            logical.add(current);
        }
        return logical;
    }

    private static boolean isCommentOrBlank(String line) {
        String stripped = line.stripLeading();
        return stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!");
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The key of one logical line, or null for a comment or blank line. */
    private static String keyOf(List<String> logical) {
        if (logical.size() == 1 && isCommentOrBlank(logical.get(0))) {
            return null;
        }
        Properties one = PropertiesText.parse(String.join("\n", logical));
        return one.stringPropertyNames().stream().findFirst().orElse(null);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            if (Files.exists(absolute)) {
                PosixFileAttributeView posix = Files.getFileAttributeView(absolute, PosixFileAttributeView.class);
                if (posix != null) {
                    Files.getFileAttributeView(temporary, PosixFileAttributeView.class)
                            .setPermissions(posix.readAttributes().permissions());
                }
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
