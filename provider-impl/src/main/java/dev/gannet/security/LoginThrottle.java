package dev.gannet.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows failed logins down per source address: each refusal from an address waits longer than the one before
 * (doubling from {@code firstDelayMillis} up to {@code maxDelayMillis}), so a guesser gets few answers per second
 * while other clients, and good logins from the same address, are not held up. A successful login from an address
 * forgets its failures, and so does a quiet {@code forgetAfter}. Thread-safe.
 */
final class LoginThrottle {

    /** The first refusal of an address waits this long unless configured otherwise. */
    static final long FIRST_DELAY_MILLIS = 100;
    /** No refusal waits longer than this unless configured otherwise. */
    static final long MAX_DELAY_MILLIS = 5_000; // well within a tcp client's handshake timeout (10 s by default)
    /** Failures of an address quiet this long are forgotten. */
    static final long FORGET_AFTER_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** More addresses than this remembered at once: the quiet ones are forgotten (or all, if none is quiet). */
    static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, long lastNanos) {
    }

    private final long firstDelayMillis;
    private final long maxDelayMillis;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle() {
        this(FIRST_DELAY_MILLIS, MAX_DELAY_MILLIS, System::nanoTime);
    }

    LoginThrottle(long firstDelayMillis, long maxDelayMillis, LongSupplier nanoTime) {
        this.firstDelayMillis = firstDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.nanoTime = nanoTime;
    }

    /**
     * Counts a failed login from {@code address}.
     *
     * @return how long its refusal waits, in milliseconds
     */
    long failed(String address) {
        long now = nanoTime.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES) {
            forgetQuiet(now);
        }
        Failures failures = byAddress.compute(address, (a, before) -> new Failures(
                before == null || quiet(before, now) ? 1 : before.count + 1, now));
        return delayAfter(failures.count);
    }

    /** Forgets the failures of {@code address}: a login from it succeeded. */
    void succeeded(String address) {
        byAddress.remove(address);
    }

    /** How many failures of {@code address} are remembered. */
    int failures(String address) {
        Failures failures = byAddress.get(address);
        return failures == null || quiet(failures, nanoTime.getAsLong()) ? 0 : failures.count;
    }

    private long delayAfter(int count) {
        int doublings = Math.min(count - 1, 40);
        return Math.min(maxDelayMillis, firstDelayMillis << doublings);
    }

    private static boolean quiet(Failures failures, long now) {
        return now - failures.lastNanos > TimeUnit.MILLISECONDS.toNanos(FORGET_AFTER_MILLIS);
    }

    private void forgetQuiet(long now) {
        byAddress.values().removeIf(failures -> quiet(failures, now));
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.clear();
        }
    }

    /**
     * The host of a {@link dev.gannet.protocol.Peer#address()}, without the port: {@code 10.0.0.7} of
     * {@code 10.0.0.7:53122}, {@code ::1} of {@code [::1]:53122}, {@code 0:0:0:0:0:0:0:1} of
     * {@code 0:0:0:0:0:0:0:1:53122} (an IPv6 address as the tcp transport writes it, the port after the last colon);
     * an address without a colon ({@code vm}) as it is.
     */
    static String host(String address) {
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
