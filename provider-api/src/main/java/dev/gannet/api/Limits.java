package dev.gannet.api;

/**
 * The largest values a Gannet broker accepts, the same on every transport. Every command a client sends is checked
 * against them before the broker acts on it, so nothing is confirmed that the store cannot hold; a value beyond a
 * limit is refused with the exception the spec names ({@code InvalidDestinationException} for a destination or
 * subscription name, {@code InvalidClientIDException}, {@code InvalidSelectorException}, {@code MessageFormatException}
 * for message content, else a {@code JMSException} naming the field). Lengths count Java {@code char}s (UTF-16 code
 * units), as {@link String#length()} does.
 * <p>
 * The limits are generous: ActiveMQ Classic's JDBC store holds destination names, client IDs, subscription names
 * and selectors in 250-character columns, and its clients clamp a prefetch to 32,767; Artemis keeps names in its
 * journal without a fixed limit, bounded in practice by its frame size. The store's columns are sized from these
 * numbers.
 */
public final class Limits {

    /** Longest queue or topic name (temporary ones included). */
    public static final int MAX_DESTINATION_NAME_LENGTH = 1024;

    /** Longest client ID (Connection.setClientID). */
    public static final int MAX_CLIENT_ID_LENGTH = 1024;

    /** Longest durable or shared subscription name. */
    public static final int MAX_SUBSCRIPTION_NAME_LENGTH = 1024;

    /** Longest message selector. */
    public static final int MAX_SELECTOR_LENGTH = 16384;

    /** Longest JMSXGroupID (as its string form when set as another type). */
    public static final int MAX_GROUP_ID_LENGTH = 1024;

    /** Longest duplicate ID ({@link MessageProperties#DUPLICATE_ID}, as its string form). */
    public static final int MAX_DUPLICATE_ID_LENGTH = 4000;

    /** Longest message property name. */
    public static final int MAX_PROPERTY_NAME_LENGTH = 1024;

    /** Most properties on one message. */
    public static final int MAX_PROPERTIES = 65536;

    /**
     * Longest String property value, and longest JMSMessageID, JMSCorrelationID and JMSType. Bodies have no limit of
     * their own: a destination's {@code maxMessageBytes} and the tcp frame size bound them.
     */
    public static final int MAX_STRING_VALUE_LENGTH = 1024 * 1024;

    /** Longest user name and longest password given when connecting (room for a token as password). */
    public static final int MAX_CREDENTIAL_LENGTH = 16384;

    /**
     * Most message ids one command may name: the deliveries a transacted session commits or rolls back at once, or a
     * CLIENT_ACKNOWLEDGE session acknowledges at once (8 MiB of ids on the wire).
     */
    public static final int MAX_IDS_PER_COMMAND = 1024 * 1024;

    /** Largest consumer prefetch (messages the broker may send ahead of the application) and credit return. */
    public static final int MAX_PREFETCH = 1024 * 1024;

    /**
     * Most queue browser enumerations one session may have open at once (each holds the broker's place in its walk
     * through a queue until it reaches the end or its browser closes).
     */
    public static final int MAX_OPEN_BROWSES_PER_SESSION = 1024;

    /** Lowest and highest JMSPriority (spec 3.4.10). */
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;

    private Limits() {
    }
}
