package dev.gannet.transport.tcp;

/** Bytes that are no valid frame body; caught by {@link FrameDecoder}, which makes a {@link Frame.Malformed} of it. */
final class MalformedFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedFrameException(String reason) {
        super(reason, null, false, false);
    }
}
