package dev.gannet.xa.narayana;

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

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A main class of the test class path in a JVM of its own (a broker server, a transaction manager that is to die),
 * its stdout and stderr in one file, so that nothing blocks on a full pipe. The class path is the system property
 * {@value #CLASSPATH_PROPERTY} when set, else {@code java.class.path} (the full test class path under surefire).
 */
public final class ChildJvm implements AutoCloseable {

    public static final String CLASSPATH_PROPERTY = "gannet.test.classpath";
    /** Exit status of a JVM ended by SIGKILL, as {@link Process#exitValue()} reports it: 128 + 9. */
    public static final int KILLED = 137;

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code main} with {@code args}; its output goes to {@code output}. */
    public static ChildJvm start(Path output, Class<?> main, String... args) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classpath = System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new ChildJvm(process, output);
    }

    /**
     * Waits for output matching {@code pattern} and returns its first group (or the whole match); fails at the
     * deadline, or when the JVM exited without printing it.
     */
    public String awaitLine(Pattern pattern, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            boolean exited = !process.isAlive();
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            if (exited) {
                return fail("the JVM exited with status " + process.exitValue() + " without printing " + pattern
                        + ":\n" + output());
            }
            if (System.currentTimeMillis() > end) {
                return fail("no line " + pattern + " within " + timeoutMillis + " ms:\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the exit and returns the status; fails the test at the deadline. */
    public int awaitExit(long timeoutMillis) throws InterruptedException {
        assertTrue(process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS),
                "JVM still running " + timeoutMillis + " ms later:\n" + output());
        return process.exitValue();
    }

    /** SIGKILL (on Linux and macOS): the JVM gets no chance to close anything. Returns the exit status. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(30_000);
    }

    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the JVM if it still runs: a test never leaves one behind. */
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
