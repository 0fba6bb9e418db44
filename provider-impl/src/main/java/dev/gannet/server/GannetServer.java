package dev.gannet.server;

import dev.gannet.api.StoreConfig;
import dev.gannet.store.StoreException;
import dev.gannet.store.jdbc.JdbcMessageStore;
import dev.gannet.store.jdbc.StoreCheck;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone broker: {@code java -cp CLASSPATH dev.gannet.server.GannetServer gannet.properties} (keys in
 * {@link ServerConfig}). Prints one line when it listens, naming each listener's URL
 * ({@code listening on tcp://127.0.0.1:61616 and ssl://127.0.0.1:61617 (...)}), and stops cleanly on SIGTERM or
 * SIGINT.
 *
 * <p>Exit status: 0 after a clean stop, 1 if the broker cannot start or stop cleanly, 2 for a bad command line or
 * config file (the problem is printed to stderr, naming the key).
 *
 * <p>{@code GannetServer --check-store gannet.properties} instead runs the consistency check of the broker's store
 * ({@link StoreCheck}) while the broker is stopped, prints what it found and exits with 0 if the store is
 * consistent, 1 if it is not or cannot be checked (no store, a broker has it open, or the store is in memory), 2 as
 * above.
 */
public final class GannetServer {

    /** The option that checks the store instead of starting the broker. */
    public static final String CHECK_STORE = "--check-store";
    private static final int MAX_FINDINGS_PRINTED = 100;

    private GannetServer() {
    }

    public static void main(String[] args) {
        boolean check = args.length == 2 && CHECK_STORE.equals(args[0]);
        if (args.length != 1 && !check) {
            System.err.println("usage: java dev.gannet.server.GannetServer [" + CHECK_STORE + "] CONFIG_FILE");
            System.exit(2);
        }
        String file = args[args.length - 1];
        ServerConfig config;
        try {
            config = ServerConfig.load(Path.of(file));
        } catch (IllegalArgumentException e) {
            System.err.println("Gannet: bad config file " + file + ":" + System.lineSeparator() + e.getMessage());
            System.exit(2);
            return;
        }
        if (check) {
            System.exit(checkStore(config));
        }
        RunningServer server;
        try {
            server = RunningServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("Gannet broker " + config.broker().name() + " could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                server.close();
            } catch (RuntimeException e) {
                e.printStackTrace();
                status = 1;
            }
            stopped.countDown();
            // A JVM ended by a signal reports 128 + signal once its hooks finish; a broker that closed
            // cleanly on SIGTERM/SIGINT reports success, as service managers expect.
            Runtime.getRuntime().halt(status);
        }, "gannet-shutdown"));
        System.out.println("Gannet broker " + config.broker().name() + " listening on "
                + String.join(" and ", server.urls()) + " ("
                + (config.broker().store() instanceof StoreConfig.EmbeddedDerby
                ? "data directory " + server.dataDirectory() : "store " + config.broker().store()) + ")");
        server.consoleUrl().ifPresent(url -> System.out.println("Gannet web console at " + url));
        awaitUninterruptibly(stopped);
    }

    /** Prints the consistency check of the configured broker's store; answers the exit status. */
    private static int checkStore(ServerConfig config) {
        try {
            StoreCheck.Report report = StoreCheck.check(JdbcMessageStore.Database.of(config.broker()));
            System.out.println(report.describe(MAX_FINDINGS_PRINTED));
            return report.consistent() ? 0 : 1;
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("Gannet: " + e.getMessage());
            return 1;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
