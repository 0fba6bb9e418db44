package dev.gannet.transport.tcp;

import dev.gannet.protocol.Answer;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Opened;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome in a reply: the answer of a command (a tag for its {@link Answer type}, then the value) or a failure,
 * and the failures carried by handshake answers and connection-failure notices.
 */
final class AnswerCodec {

    private static final int NONE = 0;
    private static final int LONG = 1;
    private static final int DESTINATION = 2;
    private static final int BYTE_ARRAYS = 3;
    private static final int FAILURE = 4;
    private static final int VOTE = 5;
    private static final int BRANCHES = 6;
    private static final int OPENED = 7;

    private AnswerCodec() {
    }

    /** Writes a reply's failure, or its answer as the type its command declares. */
    static void writeOutcome(Frame.Reply reply, WireWriter out) {
        Answer<?> type = reply.type();
        if (reply.failure() != null) {
            out.writeByte(FAILURE);
            writeError(reply.failure(), out);
        } else if (type == Answer.NONE) {
            out.writeByte(NONE);
        } else if (type == Answer.GENERATION) {
            out.writeByte(LONG);
            out.writeLong(Answer.GENERATION.cast(reply.answer()));
        } else if (type == Answer.DESTINATION) {
            out.writeByte(DESTINATION);
            CommandCodec.writeDestination(Answer.DESTINATION.cast(reply.answer()), out);
        } else if (type == Answer.MESSAGES) {
            List<byte[]> messages = Answer.MESSAGES.cast(reply.answer());
            out.writeByte(BYTE_ARRAYS);
            out.writeInt(messages.size());
            for (byte[] message : messages) {
                out.writeBytes(message);
            }
        } else if (type == Answer.VOTE) {
            out.writeByte(VOTE);
            out.writeInt(Answer.VOTE.cast(reply.answer()));
        } else if (type == Answer.OPENED) {
            out.writeByte(OPENED);
            out.writeBoolean(Answer.OPENED.cast(reply.answer()).setsUserId());
        } else if (type == Answer.BRANCHES) {
            List<BranchId> branches = Answer.BRANCHES.cast(reply.answer());
            out.writeByte(BRANCHES);
            out.writeInt(branches.size());
            for (BranchId branch : branches) {
                CommandCodec.writeBranch(branch, out);
            }
        } else {
            throw new IllegalArgumentException("No wire form for an answer of " + type);
        }
    }

    /** Reads a reply's outcome: the tag says the type of its answer, or that it is a failure. */
    static Frame.Reply readReply(long correlationId, WireReader in) throws MalformedFrameException {
        int tag = in.readByte();
        return switch (tag) {
            case NONE -> Frame.Reply.answered(correlationId, Answer.NONE, null);
            case LONG -> Frame.Reply.answered(correlationId, Answer.GENERATION, in.readLong());
            case DESTINATION -> Frame.Reply.answered(correlationId, Answer.DESTINATION,
                    CommandCodec.readDestination(in));
            case BYTE_ARRAYS -> Frame.Reply.answered(correlationId, Answer.MESSAGES, readByteArrays(in));
            case VOTE -> Frame.Reply.answered(correlationId, Answer.VOTE, in.readInt());
            case BRANCHES -> Frame.Reply.answered(correlationId, Answer.BRANCHES, readBranches(in));
            case OPENED -> Frame.Reply.answered(correlationId, Answer.OPENED, new Opened(in.readBoolean()));
            case FAILURE -> Frame.Reply.failed(correlationId, readError(in));
            default -> throw new MalformedFrameException("unknown answer tag " + tag);
        };
    }

    static void writeError(WireError error, WireWriter out) {
        out.writeByte(error.kind().code);
        out.writeString(error.message());
        out.writeString(error.errorCode());
    }

    static WireError readError(WireReader in) throws MalformedFrameException {
        int code = in.readByte();
        ExceptionKind kind = ExceptionKind.byCode(code);
        if (kind == null) {
            throw new MalformedFrameException("unknown exception kind " + code);
        }
        return new WireError(kind, in.readString(), in.readString());
    }

    /** A failure that may be absent: a presence flag, then the failure. */
    static void writeOptionalError(WireError error, WireWriter out) {
        out.writeBoolean(error != null);
        if (error != null) {
            writeError(error, out);
        }
    }

    static WireError readOptionalError(WireReader in) throws MalformedFrameException {
        return in.readBoolean() ? readError(in) : null;
    }

    private static List<BranchId> readBranches(WireReader in) throws MalformedFrameException {
        int count = in.readLength(4, "list of XA branch ids");
        if (count < 0) {
            throw new MalformedFrameException("list of XA branch ids is null");
        }
        List<BranchId> branches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            branches.add(CommandCodec.readBranch(in));
        }
        return branches;
    }

    private static List<byte[]> readByteArrays(WireReader in) throws MalformedFrameException {
        int count = in.readLength(4, "list of byte arrays");
        if (count < 0) {
            throw new MalformedFrameException("list of byte arrays is null");
        }
        List<byte[]> arrays = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arrays.add(in.readBytes());
        }
        return arrays;
    }
}
