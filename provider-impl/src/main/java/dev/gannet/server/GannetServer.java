package dev.gannet.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone broker: {@code java -cp CLASSPATH dev.gannet.server.GannetServer gannet.properties} (keys in
 * {@link ServerConfig}). Prints one line when it listens, and stops cleanly on SIGTERM or SIGINT.
 *
 * <p>Exit status: 0 after a clean stop, 1 if the broker cannot start or stop cleanly, 2 for a bad command line or
 * config file (the problem is printed to stderr, naming the key).
 */
public final class GannetServer {

    private GannetServer() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java dev.gannet.server.GannetServer CONFIG_FILE");
            System.exit(2);
        }
        ServerConfig config;
        try {
            config = ServerConfig.load(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("Gannet: bad config file " + args[0] + ":" + System.lineSeparator() + e.getMessage());
            System.exit(2);
            return;
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
        System.out.println("Gannet broker " + config.broker().name() + " listening on " + server.url()
                + " (data directory " + server.dataDirectory() + ")");
        awaitUninterruptibly(stopped);
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
