package dev.gannet.log;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Warnings a client can cause again and again (a refused send, a malformed frame, a closed connection), logged at most
 * once per interval for each kind; the repeats in between are counted, and the count goes with the next warning of
 * that kind: {@code "... (37 more like it since the last one logged)"}. The kind is the message format, so each call
 * site is one kind and the number of kinds is fixed by the code: no client can make the log grow faster than one line
 * per kind and interval.
 */
public final class ThrottledLog {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Logged lines of one kind: when the last one was logged and how many were held back since. */
    private static final class Window {
        long loggedAt; // guarded by this
        long suppressed; // guarded by this
        boolean started; // guarded by this
    }

    /** One warning of each kind per 10 seconds. */
    public ThrottledLog() {
        this(Duration.ofSeconds(10), System::nanoTime);
    }

    /** One warning of each kind per {@code interval} of the clock {@code nanoTime}. */
    public ThrottledLog(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs {@code format} with {@code args} at WARN on {@code log}, unless a warning of the same format was logged
     * less than the interval ago; then it only counts. A trailing {@link Throwable} argument is logged as SLF4J does.
     *
     * @return whether the warning was logged
     */
    public boolean warn(Logger log, String format, Object... args) {
        long suppressed = admit(format);
        if (suppressed < 0) {
            return false;
        }
        if (suppressed == 0) {
            log.warn(format, args);
        } else {
            log.warn(format + " ({} more like it since the last one logged)", withCount(args, suppressed));
        }
        return true;
    }

    /** -1 if this one is held back, else how many were held back since the last one logged. */
    private long admit(String kind) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = nanoTime.getAsLong();
        synchronized (window) {
            if (window.started && now - window.loggedAt < intervalNanos) {
                window.suppressed++;
                return -1;
            }
            long suppressed = window.suppressed;
            window.started = true;
            window.loggedAt = now;
            window.suppressed = 0;
            return suppressed;
        }
    }

    /** The arguments with the count added before a trailing throwable. */
    private static Object[] withCount(Object[] args, long suppressed) {
        boolean throwable = args.length > 0 && args[args.length - 1] instanceof Throwable;
        int plain = throwable ? args.length - 1 : args.length;
        Object[] result = Arrays.copyOf(args, args.length + 1);
        result[plain] = suppressed;
        if (throwable) {
            result[plain + 1] = args[args.length - 1];
        }
        return result;
    }
}
