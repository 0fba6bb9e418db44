package dev.gannet.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link GannetServer} in its own JVM, started from a config file with the test's classpath. Its stdout and stderr
 * go to files next to the config, so nothing blocks on a full pipe; the port comes from the "listening on" line.
 *
 * <p>The classpath is the system property {@value #CLASSPATH_PROPERTY} when set (the JUnit console launcher's
 * {@code java.class.path} holds only its own jar), else {@code java.class.path} (the full test classpath under
 * surefire).
 */
final class ServerProcess implements AutoCloseable {

    static final String CLASSPATH_PROPERTY = "gannet.test.classpath";
    /** How long a server JVM may take to boot Derby and listen; generous for a busy 2-core machine. */
    static final long STARTS = 60_000;

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Writes {@code lines} to {@code configFile} and starts a server JVM on it, without waiting for it. */
    static ServerProcess launch(Path configFile, List<String> lines) throws IOException {
        Files.write(configFile, lines, StandardCharsets.UTF_8);
        return launch(configFile);
    }

    /** Starts a server JVM on an existing config file, without waiting for it. */
    static ServerProcess launch(Path configFile) throws IOException {
        return start(configFile, List.of());
    }

    /** Starts a server JVM on an existing config file with {@code classpath} instead of the test's. */
    static ServerProcess launch(Path configFile, String classpath) throws IOException {
        return start(configFile, List.of(), classpath);
    }

    /** Starts {@code GannetServer --check-store} (the store's consistency check) on an existing config file. */
    static ServerProcess checkStore(Path configFile) throws IOException {
        return start(configFile, List.of(GannetServer.CHECK_STORE));
    }

    /**
     * Runs the operator's consistency check ({@code GannetServer --check-store}) on the stopped server's store and
     * fails unless it passes: no reference without its message or queue, no message without references, no value
     * out of range. Prints the check's summary, labelled {@code what}.
     */
    static void assertStoreConsistent(Path configFile, String what) throws IOException, InterruptedException {
        try (ServerProcess check = checkStore(configFile)) {
            int status = check.awaitExit(STARTS);
            System.out.println("store check " + what + ": " + check.stdout().strip());
            assertEquals(0, status, "store check " + what + ":\n" + check.stdout() + check.stderr());
        }
    }

    private static ServerProcess start(Path configFile, List<String> options) throws IOException {
        return start(configFile, options, System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path")));
    }

    private static ServerProcess start(Path configFile, List<String> options, String classpath) throws IOException {
        String name = configFile.getFileName().toString();
        Path stdout = configFile.resolveSibling(name + "." + System.nanoTime() + ".out");
        Path stderr = configFile.resolveSibling(name + "." + System.nanoTime() + ".err");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classpath,
                GannetServer.class.getName()));
        command.addAll(options);
        command.add(configFile.toString());
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        return new ServerProcess(process, stdout, stderr);
    }

    /** Waits for the "listening on" line and returns the port of its plain tcp listener. */
    int awaitListening() throws InterruptedException {
        return awaitListening("tcp");
    }

    /**
     * Waits for the "listening on" line ({@code listening on tcp://HOST:PORT and ssl://HOST:PORT (...)}) and returns
     * the port of its listener with {@code scheme}, {@code tcp} or {@code ssl}.
     */
    int awaitListening(String scheme) throws InterruptedException {
        Pattern listening = Pattern.compile("listening on [^(]*?" + scheme + "://([^ ]+):(\\d+) ");
        long end = System.currentTimeMillis() + STARTS;
        while (System.currentTimeMillis() < end) {
            Matcher matcher = listening.matcher(stdout());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(2));
            }
            if (!process.isAlive()) {
                fail("server exited with status " + process.exitValue() + " before listening; stderr:\n" + stderr());
            }
            Thread.sleep(20);
        }
        return fail("server did not print its 'listening on' line within " + STARTS + " ms; stderr:\n" + stderr());
    }

    /** Waits for the process to exit and returns its status; fails the test at the deadline. */
    int awaitExit(long timeoutMillis) throws InterruptedException {
        assertTrue(process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS),
                "server still running " + timeoutMillis + " ms later; stderr:\n" + stderr());
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM on Linux: the server's shutdown hook closes it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the server gets no chance to close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process (a no-op once it exited): a test never leaves a server JVM behind. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
