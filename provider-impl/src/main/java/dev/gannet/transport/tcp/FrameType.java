package dev.gannet.transport.tcp;

/** The type byte of each frame on the wire. */
final class FrameType {

    static final byte HANDSHAKE_REQUEST = 1;
    static final byte HANDSHAKE_ANSWER = 2;
    static final byte COMMAND = 3;
    static final byte REPLY = 4;
    static final byte DELIVERY = 5;
    static final byte HEARTBEAT = 6;
    static final byte CONNECTION_FAILURE = 7;
    static final byte ONE_WAY_SEND = 8;
    static final byte SENDS_PROCESSED = 9;
    static final byte SEND_FAILURE = 10;
    static final byte ONE_WAY_ACKNOWLEDGE = 11;
    static final byte ACKNOWLEDGE_FAILURE = 12;

    /** Length prefix, type byte and correlation id. */
    static final int HEADER_SIZE = 4 + 1 + 8;

    private FrameType() {
    }
}
