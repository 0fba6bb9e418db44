package dev.gannet.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the broker treats the messages of one destination: redelivery and dead-lettering, expiry, size limits, what
 * happens to producers when the destination is full, duplicate detection and paging.
 *
 * <p>A value may be <em>partial</em>: each field is either set or unset. Partial values are what users write (in
 * code, per pattern in {@link DestinationPolicies}, or as {@code destination.PATTERN.SETTING} keys of the standalone
 * server's config file); {@link #overriddenBy(DestinationSettings)} layers them over {@link #defaults()}, and
 * {@link DestinationPolicies#settingsFor(String)} answers the fully resolved settings of a destination. The accessors
 * answer resolved values: on a partial value an unset field answers its built-in default (see {@link #defaults()}).
 *
 * <p>{@link #deadLetterQueue()} and {@link #expiryQueue()} distinguish "unset" (inherit) from "set to {@code null}"
 * (explicitly none): a pattern can thereby turn dead-lettering off for the destinations it matches.
 *
 * <p>Immutable and thread-safe; {@code equals} compares which fields are set and their values.
 */
public final class DestinationSettings {

    /** What a producer meets when a destination has reached {@link #maxDepth()} or {@link #maxBytes()}. */
    public enum FullPolicy {
        /**
         * The send waits for room up to {@link #blockTimeoutMillis()}, then fails with
         * {@code ResourceAllocationException}.
         */
        BLOCK,
        /** The send fails at once with {@code ResourceAllocationException}. */
        FAIL
    }

    private static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 10;
    private static final long DEFAULT_REDELIVERY_DELAY = 0;
    private static final double DEFAULT_REDELIVERY_MULTIPLIER = 1.0;
    private static final int MAX_REDELIVERY_DELAY_FACTOR = 10;
    private static final String DEFAULT_DEAD_LETTER_QUEUE = "DLQ";
    private static final String DEFAULT_EXPIRY_QUEUE = null;
    private static final long UNLIMITED = -1;
    private static final FullPolicy DEFAULT_FULL_POLICY = FullPolicy.BLOCK;
    private static final long DEFAULT_BLOCK_TIMEOUT = 30_000;
    private static final int DEFAULT_DUPLICATE_CACHE_SIZE = 20_000;

    private static final DestinationSettings DEFAULTS = builder()
            .maxDeliveryAttempts(DEFAULT_MAX_DELIVERY_ATTEMPTS)
            .redeliveryDelayMillis(DEFAULT_REDELIVERY_DELAY)
            .redeliveryMultiplier(DEFAULT_REDELIVERY_MULTIPLIER)
            // maxRedeliveryDelay stays unset: it follows the redelivery delay that finally applies
            .deadLetterQueue(DEFAULT_DEAD_LETTER_QUEUE)
            .expiryQueue(DEFAULT_EXPIRY_QUEUE)
            .maxMessageBytes(UNLIMITED)
            .maxDepth(UNLIMITED)
            .maxBytes(UNLIMITED)
            .fullPolicy(DEFAULT_FULL_POLICY)
            .blockTimeoutMillis(DEFAULT_BLOCK_TIMEOUT)
            .duplicateCacheSize(DEFAULT_DUPLICATE_CACHE_SIZE)
            .memoryWindowBytes(UNLIMITED)
            .build();

    // each field: null = unset; the two queue names have a separate "set" flag because null is a value for them
    private final Integer maxDeliveryAttempts;
    private final Long redeliveryDelay;
    private final Double redeliveryMultiplier;
    private final Long maxRedeliveryDelay;
    private final boolean deadLetterQueueSet;
    private final String deadLetterQueue;
    private final boolean expiryQueueSet;
    private final String expiryQueue;
    private final Long maxMessageBytes;
    private final Long maxDepth;
    private final Long maxBytes;
    private final FullPolicy fullPolicy;
    private final Long blockTimeout;
    private final Integer duplicateCacheSize;
    private final Long memoryWindowBytes;

    private DestinationSettings(Builder b) {
        maxDeliveryAttempts = b.maxDeliveryAttempts;
        redeliveryDelay = b.redeliveryDelay;
        redeliveryMultiplier = b.redeliveryMultiplier;
        maxRedeliveryDelay = b.maxRedeliveryDelay;
        deadLetterQueueSet = b.deadLetterQueueSet;
        deadLetterQueue = b.deadLetterQueue;
        expiryQueueSet = b.expiryQueueSet;
        expiryQueue = b.expiryQueue;
        maxMessageBytes = b.maxMessageBytes;
        maxDepth = b.maxDepth;
        maxBytes = b.maxBytes;
        fullPolicy = b.fullPolicy;
        blockTimeout = b.blockTimeout;
        duplicateCacheSize = b.duplicateCacheSize;
        memoryWindowBytes = b.memoryWindowBytes;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The built-in values: maxDeliveryAttempts 10, redeliveryDelay 0 ms, redeliveryMultiplier 1.0,
     * maxRedeliveryDelay = 10 x redeliveryDelay when unset, deadLetterQueue "DLQ", expiryQueue null (expired
     * messages are dropped), maxMessageBytes -1 (unlimited), maxDepth -1, maxBytes -1, fullPolicy BLOCK,
     * blockTimeout 30000 ms, duplicateCacheSize 20000, memoryWindowBytes -1 (no window of its own: the broker's
     * memory budget alone decides when the queue pages).
     *
     * <p>Every field is set here except maxRedeliveryDelay, which stays unset so that it follows whichever
     * redeliveryDelay finally applies unless a layer sets it explicitly.
     */
    public static DestinationSettings defaults() {
        return DEFAULTS;
    }

    /**
     * This, with every field that {@code override} sets replaced by the override's value. Fields the override
     * leaves unset keep this value's state (set or unset).
     */
    public DestinationSettings overriddenBy(DestinationSettings override) {
        Objects.requireNonNull(override, "override");
        Builder b = new Builder();
        b.maxDeliveryAttempts = pick(override.maxDeliveryAttempts, maxDeliveryAttempts);
        b.redeliveryDelay = pick(override.redeliveryDelay, redeliveryDelay);
        b.redeliveryMultiplier = pick(override.redeliveryMultiplier, redeliveryMultiplier);
        b.maxRedeliveryDelay = pick(override.maxRedeliveryDelay, maxRedeliveryDelay);
        b.deadLetterQueueSet = override.deadLetterQueueSet || deadLetterQueueSet;
        b.deadLetterQueue = override.deadLetterQueueSet ? override.deadLetterQueue : deadLetterQueue;
        b.expiryQueueSet = override.expiryQueueSet || expiryQueueSet;
        b.expiryQueue = override.expiryQueueSet ? override.expiryQueue : expiryQueue;
        b.maxMessageBytes = pick(override.maxMessageBytes, maxMessageBytes);
        b.maxDepth = pick(override.maxDepth, maxDepth);
        b.maxBytes = pick(override.maxBytes, maxBytes);
        b.fullPolicy = pick(override.fullPolicy, fullPolicy);
        b.blockTimeout = pick(override.blockTimeout, blockTimeout);
        b.duplicateCacheSize = pick(override.duplicateCacheSize, duplicateCacheSize);
        b.memoryWindowBytes = pick(override.memoryWindowBytes, memoryWindowBytes);
        return new DestinationSettings(b); // no cross-field check: a layered maximum below the delay caps it
    }

    private static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }

    /**
     * How many times a message is delivered before it goes to the {@link #deadLetterQueue()}; 0 or less means
     * unlimited (never dead-lettered).
     */
    public int maxDeliveryAttempts() {
        return maxDeliveryAttempts != null ? maxDeliveryAttempts : DEFAULT_MAX_DELIVERY_ATTEMPTS;
    }

    /** Delay before the first redelivery of a message that was not acknowledged, in milliseconds; 0 = at once. */
    public long redeliveryDelayMillis() {
        return redeliveryDelay != null ? redeliveryDelay : DEFAULT_REDELIVERY_DELAY;
    }

    /** Factor by which the redelivery delay grows with each further failed delivery; at least 1.0. */
    public double redeliveryMultiplier() {
        return redeliveryMultiplier != null ? redeliveryMultiplier : DEFAULT_REDELIVERY_MULTIPLIER;
    }

    /**
     * Cap on the grown redelivery delay, in milliseconds; when unset, 10 x {@link #redeliveryDelayMillis()}
     * (saturating at {@link Long#MAX_VALUE}).
     */
    public long maxRedeliveryDelayMillis() {
        if (maxRedeliveryDelay != null) {
            return maxRedeliveryDelay;
        }
        long delay = redeliveryDelayMillis();
        return delay > Long.MAX_VALUE / MAX_REDELIVERY_DELAY_FACTOR ? Long.MAX_VALUE
                : delay * MAX_REDELIVERY_DELAY_FACTOR;
    }

    /**
     * Delay before the redelivery that follows the given number of failed deliveries (1 = first redelivery):
     * redeliveryDelay * multiplier^(failedDeliveries-1), capped at maxRedeliveryDelay; 0 if redeliveryDelay is 0.
     *
     * @throws IllegalArgumentException if {@code failedDeliveries} is less than 1
     */
    public long redeliveryDelayMillis(int failedDeliveries) {
        if (failedDeliveries < 1) {
            throw new IllegalArgumentException("failedDeliveries must be at least 1, not " + failedDeliveries);
        }
        long delay = redeliveryDelayMillis();
        if (delay == 0) {
            return 0;
        }
        long max = maxRedeliveryDelayMillis();
        double multiplier = redeliveryMultiplier();
        if (multiplier == 1.0 || failedDeliveries == 1) {
            return Math.min(delay, max);
        }
        double grown = delay * Math.pow(multiplier, failedDeliveries - 1);
        return grown >= max ? max : (long) grown;
    }

    /** Queue that takes messages past {@link #maxDeliveryAttempts()}; null = drop the message (and log it). */
    public String deadLetterQueue() {
        return deadLetterQueueSet ? deadLetterQueue : DEFAULT_DEAD_LETTER_QUEUE;
    }

    /** Queue that takes expired messages; null = drop expired messages. */
    public String expiryQueue() {
        return expiryQueueSet ? expiryQueue : DEFAULT_EXPIRY_QUEUE;
    }

    /** Largest encoded message accepted, in bytes; -1 = unlimited. */
    public long maxMessageBytes() {
        return maxMessageBytes != null ? maxMessageBytes : UNLIMITED;
    }

    /** Most messages the destination holds before it is full; -1 = unlimited. */
    public long maxDepth() {
        return maxDepth != null ? maxDepth : UNLIMITED;
    }

    /** Most encoded bytes the destination holds before it is full; -1 = unlimited. */
    public long maxBytes() {
        return maxBytes != null ? maxBytes : UNLIMITED;
    }

    /** What a producer meets when the destination is full. */
    public FullPolicy fullPolicy() {
        return fullPolicy != null ? fullPolicy : DEFAULT_FULL_POLICY;
    }

    /** How long a send waits for room under {@link FullPolicy#BLOCK} before failing, in milliseconds; 0 = not at all. */
    public long blockTimeoutMillis() {
        return blockTimeout != null ? blockTimeout : DEFAULT_BLOCK_TIMEOUT;
    }

    /** How many duplicate ids per destination are remembered; 0 disables duplicate detection. */
    public int duplicateCacheSize() {
        return duplicateCacheSize != null ? duplicateCacheSize : DEFAULT_DUPLICATE_CACHE_SIZE;
    }

    /**
     * How much of a durable queue's backlog at most is kept in heap, in bytes, beyond which its persistent messages
     * are paged from the store; -1 (the default) for no window of its own: the queue then pages only when the
     * broker's memory budget ({@link BrokerConfig#memoryBudgetBytes()}), shared by all queues, is used up.
     */
    public long memoryWindowBytes() {
        return memoryWindowBytes != null ? memoryWindowBytes : UNLIMITED;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DestinationSettings)) {
            return false;
        }
        DestinationSettings other = (DestinationSettings) o;
        return Objects.equals(maxDeliveryAttempts, other.maxDeliveryAttempts)
                && Objects.equals(redeliveryDelay, other.redeliveryDelay)
                && Objects.equals(redeliveryMultiplier, other.redeliveryMultiplier)
                && Objects.equals(maxRedeliveryDelay, other.maxRedeliveryDelay)
                && deadLetterQueueSet == other.deadLetterQueueSet
                && Objects.equals(deadLetterQueue, other.deadLetterQueue)
                && expiryQueueSet == other.expiryQueueSet
                && Objects.equals(expiryQueue, other.expiryQueue)
                && Objects.equals(maxMessageBytes, other.maxMessageBytes)
                && Objects.equals(maxDepth, other.maxDepth)
                && Objects.equals(maxBytes, other.maxBytes)
                && fullPolicy == other.fullPolicy
                && Objects.equals(blockTimeout, other.blockTimeout)
                && Objects.equals(duplicateCacheSize, other.duplicateCacheSize)
                && Objects.equals(memoryWindowBytes, other.memoryWindowBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxDeliveryAttempts, redeliveryDelay, redeliveryMultiplier, maxRedeliveryDelay,
                deadLetterQueueSet, deadLetterQueue, expiryQueueSet, expiryQueue, maxMessageBytes, maxDepth, maxBytes,
                fullPolicy, blockTimeout, duplicateCacheSize, memoryWindowBytes);
    }

    /** The set fields only, e.g. {@code DestinationSettings[maxDeliveryAttempts=3, deadLetterQueue=null]}. */
    @Override
    public String toString() {
        List<String> fields = new ArrayList<>();
        add(fields, "maxDeliveryAttempts", maxDeliveryAttempts != null, maxDeliveryAttempts);
        add(fields, "redeliveryDelayMillis", redeliveryDelay != null, redeliveryDelay);
        add(fields, "redeliveryMultiplier", redeliveryMultiplier != null, redeliveryMultiplier);
        add(fields, "maxRedeliveryDelayMillis", maxRedeliveryDelay != null, maxRedeliveryDelay);
        add(fields, "deadLetterQueue", deadLetterQueueSet, deadLetterQueue);
        add(fields, "expiryQueue", expiryQueueSet, expiryQueue);
        add(fields, "maxMessageBytes", maxMessageBytes != null, maxMessageBytes);
        add(fields, "maxDepth", maxDepth != null, maxDepth);
        add(fields, "maxBytes", maxBytes != null, maxBytes);
        add(fields, "fullPolicy", fullPolicy != null, fullPolicy);
        add(fields, "blockTimeoutMillis", blockTimeout != null, blockTimeout);
        add(fields, "duplicateCacheSize", duplicateCacheSize != null, duplicateCacheSize);
        add(fields, "memoryWindowBytes", memoryWindowBytes != null, memoryWindowBytes);
        return "DestinationSettings" + fields;
    }

    private static void add(List<String> fields, String name, boolean set, Object value) {
        if (set) {
            fields.add(name + "=" + value);
        }
    }

    /**
     * Builds {@link DestinationSettings}; every field starts unset. Each setter checks its range and throws
     * {@link IllegalArgumentException} naming the field and the value; a builder can build several values.
     */
    public static final class Builder {
        private Integer maxDeliveryAttempts;
        private Long redeliveryDelay;
        private Double redeliveryMultiplier;
        private Long maxRedeliveryDelay;
        private boolean deadLetterQueueSet;
        private String deadLetterQueue;
        private boolean expiryQueueSet;
        private String expiryQueue;
        private Long maxMessageBytes;
        private Long maxDepth;
        private Long maxBytes;
        private FullPolicy fullPolicy;
        private Long blockTimeout;
        private Integer duplicateCacheSize;
        private Long memoryWindowBytes;

        private Builder() {
        }

        /** Deliveries before dead-lettering; any value, 0 or less meaning unlimited. */
        public Builder maxDeliveryAttempts(int maxDeliveryAttempts) {
            this.maxDeliveryAttempts = maxDeliveryAttempts;
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder redeliveryDelayMillis(long redeliveryDelayMillis) {
            this.redeliveryDelay = atLeast("redeliveryDelayMillis", redeliveryDelayMillis, 0);
            return this;
        }

        /** @throws IllegalArgumentException if below 1.0, NaN or infinite */
        public Builder redeliveryMultiplier(double redeliveryMultiplier) {
            if (!(redeliveryMultiplier >= 1.0) || Double.isInfinite(redeliveryMultiplier)) {
                throw new IllegalArgumentException(
                        "redeliveryMultiplier must be a finite number >= 1.0, not " + redeliveryMultiplier);
            }
            this.redeliveryMultiplier = redeliveryMultiplier;
            return this;
        }

        /**
         * @throws IllegalArgumentException if negative ({@link #build()} also refuses a value below a
         *                                  {@link #redeliveryDelayMillis(long)} set on this builder)
         */
        public Builder maxRedeliveryDelayMillis(long maxRedeliveryDelayMillis) {
            this.maxRedeliveryDelay = atLeast("maxRedeliveryDelayMillis", maxRedeliveryDelayMillis, 0);
            return this;
        }

        /**
         * @param deadLetterQueue a queue name, or null for explicitly none (messages past the attempts are dropped
         *                        and logged)
         * @throws IllegalArgumentException if the name is blank
         */
        public Builder deadLetterQueue(String deadLetterQueue) {
            this.deadLetterQueue = queueName("deadLetterQueue", deadLetterQueue);
            this.deadLetterQueueSet = true;
            return this;
        }

        /**
         * @param expiryQueue a queue name, or null for explicitly none (expired messages are dropped)
         * @throws IllegalArgumentException if the name is blank
         */
        public Builder expiryQueue(String expiryQueue) {
            this.expiryQueue = queueName("expiryQueue", expiryQueue);
            this.expiryQueueSet = true;
            return this;
        }

        /** @throws IllegalArgumentException unless -1 (unlimited) or at least 1 */
        public Builder maxMessageBytes(long maxMessageBytes) {
            this.maxMessageBytes = limit("maxMessageBytes", maxMessageBytes);
            return this;
        }

        /** @throws IllegalArgumentException unless -1 (unlimited) or at least 1 */
        public Builder maxDepth(long maxDepth) {
            this.maxDepth = limit("maxDepth", maxDepth);
            return this;
        }

        /** @throws IllegalArgumentException unless -1 (unlimited) or at least 1 */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = limit("maxBytes", maxBytes);
            return this;
        }

        /** @throws NullPointerException if null */
        public Builder fullPolicy(FullPolicy fullPolicy) {
            this.fullPolicy = Objects.requireNonNull(fullPolicy, "fullPolicy");
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder blockTimeoutMillis(long blockTimeoutMillis) {
            this.blockTimeout = atLeast("blockTimeoutMillis", blockTimeoutMillis, 0);
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder duplicateCacheSize(int duplicateCacheSize) {
            this.duplicateCacheSize = (int) atLeast("duplicateCacheSize", duplicateCacheSize, 0);
            return this;
        }

        /** @throws IllegalArgumentException unless -1 (no window of its own) or at least 1 */
        public Builder memoryWindowBytes(long memoryWindowBytes) {
            this.memoryWindowBytes = limit("memoryWindowBytes", memoryWindowBytes);
            return this;
        }

        /**
         * @throws IllegalArgumentException if this builder sets both delays and the maximum is shorter than the
         *                                  first delay
         */
        public DestinationSettings build() {
            if (redeliveryDelay != null && maxRedeliveryDelay != null && maxRedeliveryDelay < redeliveryDelay) {
                throw new IllegalArgumentException("maxRedeliveryDelayMillis " + maxRedeliveryDelay
                        + " is shorter than redeliveryDelayMillis " + redeliveryDelay);
            }
            return new DestinationSettings(this);
        }

        private static long atLeast(String field, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException(field + " must be >= " + min + ", not " + value);
            }
            return value;
        }

        private static long limit(String field, long value) {
            if (value != UNLIMITED && value < 1) {
                throw new IllegalArgumentException(field + " must be -1 (unlimited) or >= 1, not " + value);
            }
            return value;
        }

        private static String queueName(String field, String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException(field + " must be a queue name or null (none), not '" + name
                        + "'");
            }
            return name;
        }
    }
}
