package dev.gannet.samples.load;

/**
 * Messages and body bytes moved in an interval.
 *
 * @param label    what moved, e.g. {@code "sent"} or {@code "delivered"}
 * @param messages messages counted
 * @param bytes    body bytes of those messages
 * @param nanos    length of the interval
 */
public record Rate(String label, long messages, long bytes, long nanos) {

    public Rate {
        if (nanos <= 0) {
            nanos = 1;
        }
    }

    public double messagesPerSecond() {
        return messages * 1e9 / nanos;
    }

    public double megabytesPerSecond() {
        return bytes * 1e9 / nanos / (1024 * 1024);
    }
}
