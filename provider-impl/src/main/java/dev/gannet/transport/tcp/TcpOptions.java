package dev.gannet.transport.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one side of a tcp connection. Both sides should use the same heartbeat settings: each declares its
 * peer dead when nothing arrived for {@code heartbeatTimeout}, so the peer's {@code heartbeatInterval} must be shorter.
 *
 * @param heartbeatInterval a heartbeat frame is written when nothing else was written for this long
 * @param heartbeatTimeout  the peer is declared dead when nothing was read from it for this long
 * @param maxFrameSize      largest frame body accepted, in bytes; a larger frame closes the connection
 * @param writeBufferLimit  bytes queued for writing above which the channel stops being writable
 * @param unwritableTimeout a peer that does not read for this long while the write buffer is full is disconnected
 * @param connectTimeout    how long a client waits for the TCP connection and for the handshake answer
 */
public record TcpOptions(Duration heartbeatInterval, Duration heartbeatTimeout, int maxFrameSize,
                         int writeBufferLimit, Duration unwritableTimeout, Duration connectTimeout) {

    /** 100 MiB: room for the largest message a client may send. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 100 * 1024 * 1024;

    /**
     * @throws IllegalArgumentException if a duration is not positive, the timeout is not longer than the interval,
     *                                  or a size is not positive
     */
    public TcpOptions {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(unwritableTimeout, "unwritableTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("unwritableTimeout", unwritableTimeout);
        requirePositive("connectTimeout", connectTimeout);
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("heartbeatTimeout " + heartbeatTimeout
                    + " must be longer than heartbeatInterval " + heartbeatInterval);
        }
        if (maxFrameSize < 1 || writeBufferLimit < 2) {
            throw new IllegalArgumentException("maxFrameSize (" + maxFrameSize + ") and writeBufferLimit ("
                    + writeBufferLimit + ") must be positive");
        }
    }

    /** Heartbeat every 5 s, peer dead after 15 s of silence, 100 MiB frames, 4 MiB write buffer, 30 s unwritable. */
    public static TcpOptions defaults() {
        return new TcpOptions(Duration.ofSeconds(5), Duration.ofSeconds(15), DEFAULT_MAX_FRAME_SIZE,
                4 * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** These options with other heartbeat settings. */
    public TcpOptions withHeartbeat(Duration interval, Duration timeout) {
        return new TcpOptions(interval, timeout, maxFrameSize, writeBufferLimit, unwritableTimeout, connectTimeout);
    }

    /** These options with another maximum frame body size. */
    public TcpOptions withMaxFrameSize(int size) {
        return new TcpOptions(heartbeatInterval, heartbeatTimeout, size, writeBufferLimit, unwritableTimeout,
                connectTimeout);
    }

    /** These options with another write buffer limit and unwritable timeout. */
    public TcpOptions withWriteBuffer(int limit, Duration timeout) {
        return new TcpOptions(heartbeatInterval, heartbeatTimeout, maxFrameSize, limit, timeout, connectTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
