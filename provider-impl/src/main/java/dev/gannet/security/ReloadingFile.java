package dev.gannet.security;

import dev.gannet.broker.BrokerTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One security file as last read well: read at start (a file that cannot be read or parsed then stops the start),
 * then read again whenever its bytes change, checked every reload interval on the broker's timer. A file that breaks
 * after a change is logged once and the last good contents stay in force until it is fixed.
 *
 * @param <T> what the file says, immutable
 */
final class ReloadingFile<T> implements Supplier<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingFile.class);

    private final Path path;
    private final String what;
    private final Function<byte[], T> parser;
    /** What the file said when last read well; replaced whole by the timer's check. */
    private volatile T current;
    /** The bytes last seen (read well or not); confined to the timer after the start. */
    private byte[] lastBytes;

    /**
     * Reads {@code path} now and, if {@code reloadMillis} is positive, checks it again every {@code reloadMillis} on
     * {@code timer}.
     *
     * @param what   the file's name in messages, e.g. {@code "Users file"}
     * @param parser what the bytes say; throws {@link IllegalArgumentException} saying what is wrong with them
     * @throws IllegalArgumentException naming the file if it cannot be read, or as {@code parser} throws
     */
    ReloadingFile(Path path, String what, Function<byte[], T> parser, BrokerTimer timer, long reloadMillis) {
        this.path = path;
        this.what = what;
        this.parser = parser;
        this.lastBytes = read(path, what);
        this.current = parse(path, what, parser, lastBytes);
        if (reloadMillis > 0) {
            timer.repeat(this::check, reloadMillis);
        }
    }

    /**
     * Reads {@code path} once and says what it holds.
     *
     * @throws IllegalArgumentException naming the file if it cannot be read or is malformed
     */
    static <T> T readOnce(Path path, String what, Function<byte[], T> parser) {
        return parse(path, what, parser, read(path, what));
    }

    @Override
    public T get() {
        return current;
    }

    /** Reads the file again if its bytes changed; runs on the timer, never throws. */
    void check() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            if (lastBytes != null) {
                LOG.error("{} {} cannot be read ({}); its last good contents stay in force", what, path, e.toString());
                lastBytes = null;
            }
            return;
        }
        if (Arrays.equals(bytes, lastBytes)) {
            return;
        }
        lastBytes = bytes;
        try {
            current = parser.apply(bytes);
            LOG.info("{} {} changed: reloaded", what, path);
        } catch (RuntimeException e) {
            LOG.error("{} {} changed but is wrong ({}); its last good contents stay in force", what, path,
                    e.getMessage());
        }
    }

    private static byte[] read(Path path, String what) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " " + path + " does not exist or is not a file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + " " + path + " cannot be read: " + e, e);
        }
    }

    private static <T> T parse(Path path, String what, Function<byte[], T> parser, byte[] bytes) {
        try {
            return parser.apply(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + path + ": " + e.getMessage(), e);
        }
    }
}
