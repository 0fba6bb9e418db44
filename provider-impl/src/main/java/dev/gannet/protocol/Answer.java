package dev.gannet.protocol;

import dev.gannet.message.GannetDestination;

import java.util.List;

/**
 * The type of what the broker answers to a command ({@link Command#answer()}): nothing, a delivery generation, a
 * destination, a list of encoded messages, a prepare vote or a list of XA branch ids. A transport that encodes
 * answers writes each by the type its command declares, and checks a reply it reads against the type the waiting
 * command expects.
 *
 * @param <A> the Java type of the answer
 */
public final class Answer<A> {

    /** Commands that answer nothing: their answer is {@code null}. */
    public static final Answer<Void> NONE = new Answer<>("nothing", Void.class);
    /** What the broker says of a connection it opened (see {@link Command.Open}). */
    public static final Answer<Opened> OPENED = new Answer<>("what the broker says of the opened connection",
            Opened.class);
    /** A session's new delivery generation (see {@link Command.Recover}). */
    public static final Answer<Long> GENERATION = new Answer<>("a delivery generation", Long.class);
    /** A destination the broker made (see {@link Command.CreateTemporary}). */
    public static final Answer<GannetDestination> DESTINATION = new Answer<>("a destination", GannetDestination.class);
    /** Messages as {@link dev.gannet.message.MessageCodec} encodes them, in delivery order (see {@link Command.Browse}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Answer<List<byte[]>> MESSAGES = new Answer<>("a list of encoded messages", (Class) List.class);

    /** An XA branch's vote at prepare: {@code XAResource.XA_OK} or {@code XA_RDONLY} (see {@link Command.XaPrepare}). */
    public static final Answer<Integer> VOTE = new Answer<>("a prepare vote", Integer.class);
    /** XA branch ids (see {@link Command.XaRecover}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Answer<List<BranchId>> BRANCHES = new Answer<>("a list of XA branch ids", (Class) List.class);

    private final String description;
    private final Class<A> type;

    private Answer(String description, Class<A> type) {
        this.description = description;
        this.type = type;
    }

    /**
     * {@code value} as an answer of this type.
     *
     * @throws ClassCastException if {@code value} is neither null nor of this type
     */
    public A cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return description;
    }
}
