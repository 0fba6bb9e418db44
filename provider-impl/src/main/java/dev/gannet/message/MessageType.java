package dev.gannet.message;

/** The body type of a Gannet message, one per jakarta.jms message interface. */
public enum MessageType {
    /** A {@code jakarta.jms.Message} without a body. */
    PLAIN("Message"),
    TEXT("TextMessage"),
    BYTES("BytesMessage"),
    MAP("MapMessage"),
    STREAM("StreamMessage"),
    OBJECT("ObjectMessage");

    private final String interfaceName;

    MessageType(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** Simple name of the jakarta.jms interface, e.g. {@code "TextMessage"}. */
    public String interfaceName() {
        return interfaceName;
    }
}
