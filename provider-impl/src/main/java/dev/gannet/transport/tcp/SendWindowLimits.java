package dev.gannet.transport.tcp;

import dev.gannet.protocol.Command;

/**
 * The one-way send window both sides of a tcp connection agree on (part of protocol version 2): how many one-way sends,
 * and how many bytes of them, a client may have outstanding until the broker reports them processed
 * ({@link Frame.SendsProcessed}), and what one send weighs. The client waits for room in its window; the broker reports
 * as soon as half of either limit has been processed since its last report, and cuts off a client beyond the window.
 */
public final class SendWindowLimits {

    /** Most one-way sends a client may have outstanding. */
    public static final int MAX_SENDS = 1000;
    /** Most bytes (by {@link #weight}) of one-way sends a client may have outstanding. */
    public static final long MAX_BYTES = 1024 * 1024;
    /** What a send weighs besides its encoded message: frame header, ids, destination, header values. */
    private static final int FIELDS_WEIGHT = 64;

    private SendWindowLimits() {
    }

    /**
     * What a send counts against the window; both sides compute it the same way. A send without content (refused by
     * the broker) weighs its fields.
     */
    public static int weight(Command.Send send) {
        boolean content = send.message() != null && send.message().encoded() != null;
        return (content ? send.message().encoded().length : 0) + FIELDS_WEIGHT;
    }
}
