package dev.gannet.cli;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the launcher script of the distribution the build assembled ({@code sh GANNET_HOME/bin/gannet ...}, the system
 * property {@code gannet.home}) as a process, as a user's shell would, and hands back its exit status and output.
 */
final class Launcher {

    /** How long one command may take: a JVM start and a JMX or JMS round trip on a busy 2-core machine. */
    static final long RUNS = 120_000;

    private final Path home;
    private final Path work;
    private final Map<String, String> environment = new HashMap<>();

    Launcher(Path work) {
        String property = System.getProperty("gannet.home");
        assertTrue(property != null, "system property gannet.home (the distribution directory) is not set");
        this.home = Path.of(property);
        assertTrue(Files.isRegularFile(home.resolve("bin/gannet")), "no launcher script in " + home);
        this.work = work;
    }

    /** The distribution directory. */
    Path home() {
        return home;
    }

    /** Sets an environment variable of the commands run from now on. */
    Launcher environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs {@code gannet ARGS} with nothing on standard input. */
    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput("", args);
    }

    /** Runs {@code gannet ARGS} with {@code input} on standard input. */
    Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        Process process = start(args);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(RUNS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("gannet " + String.join(" ", args) + " still running after " + RUNS + " ms");
        }
        return new Result(List.of(args), process.exitValue(), read(stdoutOf(process)), read(stderrOf(process)));
    }

    private final Map<Process, Path[]> outputs = new HashMap<>();

    /** Starts {@code gannet ARGS} without waiting for it; its output goes to files ({@link #stdout}). */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/gannet").toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(work, "gannet", ".out");
        Path stderr = Files.createTempFile(work, "gannet", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().remove("GANNET_USER");
        builder.environment().remove("GANNET_PASSWORD");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1 -Xshare:auto");
        builder.environment().putAll(environment);
        Process process = builder.start();
        outputs.put(process, new Path[]{stdout, stderr});
        return process;
    }

    /** What a process started by {@link #start} printed so far. */
    String stdout(Process process) throws IOException {
        return read(stdoutOf(process));
    }

    /** What a process started by {@link #start} printed to standard error so far. */
    String stderr(Process process) throws IOException {
        return read(stderrOf(process));
    }

    private Path stdoutOf(Process process) {
        return outputs.get(process)[0];
    }

    private Path stderrOf(Process process) {
        return outputs.get(process)[1];
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A finished command: its arguments, exit status and output. */
    record Result(List<String> args, int status, String stdout, String stderr) {

        /** Fails unless the command ended with {@code expected}; answers this. */
        Result assertStatus(int expected) {
            assertEquals(expected, status, this::describe);
            return this;
        }

        /** Standard output as one JSON document, parsed strictly (RFC 8259, nothing after it). */
        JsonElement json() {
            try {
                JsonReader reader = new JsonReader(new StringReader(stdout));
                reader.setStrictness(Strictness.STRICT);
                JsonElement document = new Gson().getAdapter(JsonElement.class).read(reader);
                assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "more after the JSON document");
                return document;
            } catch (IOException | RuntimeException e) {
                return fail("not one JSON document: " + describe(), e);
            }
        }

        /** The lines of standard output. */
        List<String> lines() {
            return stdout.lines().toList();
        }

        String describe() {
            return "gannet " + String.join(" ", args) + " -> " + status + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr;
        }
    }
}
