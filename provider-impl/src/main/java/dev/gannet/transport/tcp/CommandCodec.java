package dev.gannet.transport.tcp;

import dev.gannet.message.DestinationKind;
import dev.gannet.message.GannetDestination;
import dev.gannet.protocol.BranchId;
import dev.gannet.protocol.Command;
import dev.gannet.protocol.OutboundMessage;
import dev.gannet.protocol.SubscriptionSpec;

/**
 * The body of a command frame: a type id, then the record's components in declaration order. Type ids never change
 * meaning; a new command gets a new id.
 */
final class CommandCodec {

    private static final int OPEN = 1;
    private static final int SET_CLIENT_ID = 2;
    private static final int CLOSE = 3;
    private static final int CREATE_SESSION = 4;
    private static final int CLOSE_SESSION = 5;
    private static final int CREATE_CONSUMER = 6;
    private static final int CLOSE_CONSUMER = 7;
    private static final int CREDIT = 8;
    private static final int SEND = 9;
    private static final int ACKNOWLEDGE = 10;
    private static final int RECOVER = 11;
    private static final int COMMIT = 12;
    private static final int ROLLBACK = 13;
    private static final int CREATE_TEMPORARY = 14;
    private static final int DELETE_TEMPORARY = 15;
    private static final int CHECK_DESTINATION = 16;
    private static final int UNSUBSCRIBE = 17;
    private static final int BROWSE = 18;
    private static final int START = 19;
    private static final int STOP = 20;
    private static final int RETURN_PREFETCHED = 21;
    private static final int BROWSE_NEXT = 22;
    private static final int CLOSE_BROWSE = 23;
    private static final int XA_START = 24;
    private static final int XA_END = 25;
    private static final int XA_PREPARE = 26;
    private static final int XA_COMMIT = 27;
    private static final int XA_ROLLBACK = 28;
    private static final int XA_FORGET = 29;
    private static final int XA_RECOVER = 30;

    private CommandCodec() {
    }

    static void write(Command<?> command, WireWriter out) {
        if (command instanceof Command.Open c) {
            out.writeByte(OPEN);
            out.writeString(c.clientId());
            out.writeString(c.user());
            out.writeString(c.password());
        } else if (command instanceof Command.SetClientId c) {
            out.writeByte(SET_CLIENT_ID);
            out.writeString(c.clientId());
        } else if (command instanceof Command.Close) {
            out.writeByte(CLOSE);
        } else if (command instanceof Command.Start) {
            out.writeByte(START);
        } else if (command instanceof Command.Stop) {
            out.writeByte(STOP);
        } else if (command instanceof Command.ReturnPrefetched c) {
            writeSessionIds(RETURN_PREFETCHED, c.sessionId(), c.deliveredIds(), out);
        } else if (command instanceof Command.CreateSession c) {
            out.writeByte(CREATE_SESSION);
            out.writeInt(c.sessionId());
            out.writeBoolean(c.transacted());
        } else if (command instanceof Command.CloseSession c) {
            out.writeByte(CLOSE_SESSION);
            out.writeInt(c.sessionId());
            out.writeLongs(c.deliveredIds());
        } else if (command instanceof Command.CreateConsumer c) {
            out.writeByte(CREATE_CONSUMER);
            out.writeInt(c.sessionId());
            out.writeInt(c.consumerId());
            writeDestination(c.destination(), out);
            out.writeString(c.selector());
            out.writeBoolean(c.noLocal());
            writeSubscription(c.subscription(), out);
            out.writeInt(c.prefetch());
        } else if (command instanceof Command.CloseConsumer c) {
            out.writeByte(CLOSE_CONSUMER);
            out.writeInt(c.sessionId());
            out.writeInt(c.consumerId());
            out.writeLongs(c.deliveredIds());
        } else if (command instanceof Command.Credit c) {
            out.writeByte(CREDIT);
            out.writeInt(c.sessionId());
            out.writeInt(c.consumerId());
            out.writeInt(c.count());
        } else if (command instanceof Command.Send c) {
            out.writeByte(SEND);
            out.writeInt(c.sessionId());
            writeMessage(c.message(), out);
        } else if (command instanceof Command.Acknowledge c) {
            writeSessionIds(ACKNOWLEDGE, c.sessionId(), c.deliveryIds(), out);
        } else if (command instanceof Command.Recover c) {
            writeSessionIds(RECOVER, c.sessionId(), c.deliveredIds(), out);
        } else if (command instanceof Command.Commit c) {
            writeSessionIds(COMMIT, c.sessionId(), c.deliveredIds(), out);
        } else if (command instanceof Command.Rollback c) {
            writeSessionIds(ROLLBACK, c.sessionId(), c.deliveredIds(), out);
        } else if (command instanceof Command.CreateTemporary c) {
            out.writeByte(CREATE_TEMPORARY);
            out.writeBoolean(c.topic());
        } else if (command instanceof Command.DeleteTemporary c) {
            out.writeByte(DELETE_TEMPORARY);
            writeDestination(c.destination(), out);
        } else if (command instanceof Command.CheckDestination c) {
            out.writeByte(CHECK_DESTINATION);
            writeDestination(c.destination(), out);
        } else if (command instanceof Command.Unsubscribe c) {
            out.writeByte(UNSUBSCRIBE);
            out.writeString(c.name());
        } else if (command instanceof Command.Browse c) {
            out.writeByte(BROWSE);
            out.writeInt(c.sessionId());
            out.writeInt(c.browseId());
            writeDestination(c.queue(), out);
            out.writeString(c.selector());
            out.writeInt(c.firstPage());
        } else if (command instanceof Command.BrowseNext c) {
            out.writeByte(BROWSE_NEXT);
            out.writeInt(c.sessionId());
            out.writeInt(c.browseId());
        } else if (command instanceof Command.CloseBrowse c) {
            out.writeByte(CLOSE_BROWSE);
            out.writeInt(c.sessionId());
            out.writeInt(c.browseId());
        } else if (command instanceof Command.XaStart c) {
            out.writeByte(XA_START);
            out.writeInt(c.sessionId());
            writeBranch(c.xid(), out);
            out.writeInt(c.flags());
            out.writeInt(c.timeoutSeconds());
        } else if (command instanceof Command.XaEnd c) {
            out.writeByte(XA_END);
            out.writeInt(c.sessionId());
            writeBranch(c.xid(), out);
            out.writeInt(c.flags());
            out.writeLongs(c.deliveredIds());
        } else if (command instanceof Command.XaPrepare c) {
            out.writeByte(XA_PREPARE);
            writeBranch(c.xid(), out);
        } else if (command instanceof Command.XaCommit c) {
            out.writeByte(XA_COMMIT);
            writeBranch(c.xid(), out);
            out.writeBoolean(c.onePhase());
        } else if (command instanceof Command.XaRollback c) {
            out.writeByte(XA_ROLLBACK);
            writeBranch(c.xid(), out);
        } else if (command instanceof Command.XaForget c) {
            out.writeByte(XA_FORGET);
            writeBranch(c.xid(), out);
        } else if (command instanceof Command.XaRecover) {
            out.writeByte(XA_RECOVER);
        } else {
            throw new IllegalArgumentException("No wire form for " + command.getClass().getName());
        }
    }

    /**
     * @throws MalformedFrameException if the type id is unknown or the body does not fit the command
     */
    static Command<?> read(WireReader in) throws MalformedFrameException {
        int type = in.readByte();
        return switch (type) {
            case OPEN -> new Command.Open(in.readString(), in.readString(), in.readString());
            case SET_CLIENT_ID -> new Command.SetClientId(in.readString());
            case CLOSE -> new Command.Close();
            case CREATE_SESSION -> new Command.CreateSession(in.readInt(), in.readBoolean());
            case CLOSE_SESSION -> new Command.CloseSession(in.readInt(), in.readLongs());
            case CREATE_CONSUMER -> new Command.CreateConsumer(in.readInt(), in.readInt(), readDestination(in),
                    in.readString(), in.readBoolean(), readSubscription(in), in.readInt());
            case CLOSE_CONSUMER -> new Command.CloseConsumer(in.readInt(), in.readInt(), in.readLongs());
            case CREDIT -> new Command.Credit(in.readInt(), in.readInt(), in.readInt());
            case SEND -> new Command.Send(in.readInt(), readMessage(in));
            case ACKNOWLEDGE -> new Command.Acknowledge(in.readInt(), in.readLongs());
            case RECOVER -> new Command.Recover(in.readInt(), in.readLongs());
            case COMMIT -> new Command.Commit(in.readInt(), in.readLongs());
            case ROLLBACK -> new Command.Rollback(in.readInt(), in.readLongs());
            case CREATE_TEMPORARY -> new Command.CreateTemporary(in.readBoolean());
            case DELETE_TEMPORARY -> new Command.DeleteTemporary(readDestination(in));
            case CHECK_DESTINATION -> new Command.CheckDestination(readDestination(in));
            case UNSUBSCRIBE -> new Command.Unsubscribe(in.readString());
            case BROWSE -> new Command.Browse(in.readInt(), in.readInt(), readDestination(in), in.readString(),
                    in.readInt());
            case BROWSE_NEXT -> new Command.BrowseNext(in.readInt(), in.readInt());
            case CLOSE_BROWSE -> new Command.CloseBrowse(in.readInt(), in.readInt());
            case START -> new Command.Start();
            case STOP -> new Command.Stop();
            case RETURN_PREFETCHED -> new Command.ReturnPrefetched(in.readInt(), in.readLongs());
            case XA_START -> new Command.XaStart(in.readInt(), readBranch(in), in.readInt(), in.readInt());
            case XA_END -> new Command.XaEnd(in.readInt(), readBranch(in), in.readInt(), in.readLongs());
            case XA_PREPARE -> new Command.XaPrepare(readBranch(in));
            case XA_COMMIT -> new Command.XaCommit(readBranch(in), in.readBoolean());
            case XA_ROLLBACK -> new Command.XaRollback(readBranch(in));
            case XA_FORGET -> new Command.XaForget(readBranch(in));
            case XA_RECOVER -> new Command.XaRecover();
            default -> throw new MalformedFrameException("unknown command type " + type);
        };
    }

    /** A destination: a kind code (0 for null), then the name. */
    /** An XA branch id: its format id, global transaction id and branch qualifier. */
    static void writeBranch(BranchId xid, WireWriter out) {
        out.writeInt(xid.formatId());
        out.writeBytes(xid.globalTransactionId());
        out.writeBytes(xid.branchQualifier());
    }

    /**
     * @throws MalformedFrameException if the id is missing or breaks XA's rules (see {@link BranchId})
     */
    static BranchId readBranch(WireReader in) throws MalformedFrameException {
        int formatId = in.readInt();
        byte[] globalTransactionId = in.readBytes();
        byte[] branchQualifier = in.readBytes();
        try {
            return new BranchId(formatId, globalTransactionId, branchQualifier);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("XA branch id: " + e.getMessage());
        }
    }

    static void writeDestination(GannetDestination destination, WireWriter out) {
        if (destination == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(switch (destination.kind()) {
            case QUEUE -> 1;
            case TOPIC -> 2;
            case TEMPORARY_QUEUE -> 3;
            case TEMPORARY_TOPIC -> 4;
        });
        out.writeString(destination.name());
    }

    static GannetDestination readDestination(WireReader in) throws MalformedFrameException {
        int code = in.readByte();
        DestinationKind kind = switch (code) {
            case 0 -> null;
            case 1 -> DestinationKind.QUEUE;
            case 2 -> DestinationKind.TOPIC;
            case 3 -> DestinationKind.TEMPORARY_QUEUE;
            case 4 -> DestinationKind.TEMPORARY_TOPIC;
            default -> throw new MalformedFrameException("unknown destination kind " + code);
        };
        if (kind == null) {
            return null;
        }
        String name = in.readString();
        if (name == null || name.isEmpty()) {
            throw new MalformedFrameException("destination of kind " + kind + " has no name");
        }
        return GannetDestination.of(kind, name);
    }

    private static void writeSessionIds(int type, int sessionId, java.util.List<Long> ids, WireWriter out) {
        out.writeByte(type);
        out.writeInt(sessionId);
        out.writeLongs(ids);
    }

    private static void writeSubscription(SubscriptionSpec spec, WireWriter out) {
        out.writeBoolean(spec != null);
        if (spec != null) {
            out.writeString(spec.name());
            out.writeBoolean(spec.durable());
            out.writeBoolean(spec.shared());
        }
    }

    private static SubscriptionSpec readSubscription(WireReader in) throws MalformedFrameException {
        if (!in.readBoolean()) {
            return null;
        }
        return new SubscriptionSpec(in.readString(), in.readBoolean(), in.readBoolean());
    }

    private static void writeMessage(OutboundMessage message, WireWriter out) {
        writeDestination(message.destination(), out);
        out.writeBoolean(message.persistent());
        out.writeInt(message.priority());
        out.writeLong(message.expiration());
        out.writeLong(message.deliveryTime());
        out.writeString(message.groupId());
        out.writeBytes(message.encoded());
    }

    private static OutboundMessage readMessage(WireReader in) throws MalformedFrameException {
        return new OutboundMessage(readDestination(in), in.readBoolean(), in.readInt(), in.readLong(),
                in.readLong(), in.readString(), in.readBytes());
    }
}
