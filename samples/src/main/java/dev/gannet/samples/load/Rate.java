package dev.gannet.samples.load;

/**
 * Messages and body bytes moved in an interval, and the CPU the JVM spent in it.
 *
 * @param label    what moved, e.g. {@code "sent"} or {@code "delivered"}
 * @param messages messages counted
 * @param bytes    body bytes of those messages
 * @param nanos    length of the interval
 * @param cpuNanos CPU nanoseconds of the whole JVM (broker and clients) in the interval, or -1 if unknown
 */
public record Rate(String label, long messages, long bytes, long nanos, long cpuNanos) {

    public Rate {
        if (nanos <= 0) {
            nanos = 1;
        }
    }

    /** A rate over {@code span}. */
    Rate(String label, long messages, long bytes, Span span) {
        this(label, messages, bytes, span.wallNanos(), span.cpuNanos());
    }

    public double messagesPerSecond() {
        return messages * 1e9 / nanos;
    }

    public double megabytesPerSecond() {
        return bytes * 1e9 / nanos / (1024 * 1024);
    }

    /** CPU microseconds per message counted, or NaN if the CPU time is unknown. */
    public double cpuMicrosPerMessage() {
        return cpuNanos < 0 || messages == 0 ? Double.NaN : cpuNanos / 1e3 / messages;
    }
}
