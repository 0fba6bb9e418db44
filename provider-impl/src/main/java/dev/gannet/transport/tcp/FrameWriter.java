package dev.gannet.transport.tcp;

import dev.gannet.protocol.Command;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes one channel's frames, from any thread, in the order they were handed over, flushing once per burst instead of
 * once per frame. {@link #send} queues a frame and, unless a drain is already pending, hands one drain task to the
 * channel's event loop; the drain writes every queued frame (up to {@link #FRAMES_PER_FLUSH} at a time) and flushes
 * once. A lone frame therefore still leaves at once: its drain is the next task the loop runs.
 *
 * <p>While the channel is unwritable (its write buffer above the high-water mark: the peer reads slower than this side
 * writes) the drain stops and the frames wait in the queue, unencoded; it resumes when the channel is writable again or
 * has closed (frames written to a closed channel fail at once, as before). What may queue is bounded as it was before
 * the writer existed: deliveries by the consumers' credit, one-way sends by the send window, commands and replies by
 * the callers that wait for them; a peer that stays unreadable is cut off by the slow-peer guard.
 *
 * <p>Adjacent one-way acknowledgements of one session are written as one ({@link Frame.OneWayAcknowledge} of all
 * their delivery ids).
 *
 * <p>Installed by {@link FramePipeline} in every channel's pipeline; each end finds it with {@link #of(Channel)}.
 * Frames written past it directly (heartbeats, the handshake) keep no order with its frames.
 */
public final class FrameWriter extends ChannelInboundHandlerAdapter {

    /** Frames written between two flushes at most, so that a long queue does not hold back the first bytes. */
    static final int FRAMES_PER_FLUSH = 256;

    /** Delivery ids one coalesced acknowledgement carries at most (far below the protocol's limit). */
    static final int MAX_COALESCED_IDS = 1024;

    /** Frames, or {@link Listened} frames, not written yet; drained on the event loop only. */
    private final Queue<Object> queued = new ConcurrentLinkedQueue<>();
    /** True from the moment a drain is handed to the loop until the drain found the queue empty; also while paused. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private volatile Channel channel; // set when added to the pipeline, before any frame is sent
    private volatile boolean stopped; // the event loop refused a drain: it has shut down
    private boolean paused; // confined to the event loop: the drain waits for writability

    /** A frame whose write outcome someone listens to. */
    private record Listened(Frame frame, ChannelFutureListener listener) {
    }

    /** The writer of {@code channel}, whose pipeline {@link FramePipeline} installed. */
    public static FrameWriter of(Channel channel) {
        FrameWriter writer = channel.pipeline().get(FrameWriter.class);
        if (writer == null) {
            throw new IllegalStateException("Channel " + channel + " has no frame writer");
        }
        return writer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /**
     * Queues {@code frame}; it is written after every frame queued before it. Answers false when the channel's event
     * loop has stopped, so that the frame will never be written (the channel closed before).
     */
    public boolean send(Frame frame) {
        return enqueue(frame);
    }

    /** As {@link #send(Frame)}; {@code listener} hears the outcome of the frame's write. */
    public boolean send(Frame frame, ChannelFutureListener listener) {
        return enqueue(new Listened(frame, listener));
    }

    private boolean enqueue(Object entry) {
        if (stopped) {
            return false;
        }
        queued.offer(entry);
        if (scheduled.compareAndSet(false, true) && !EventLoopTasks.submit(channel, drain)) {
            stopped = true;
            return false;
        }
        return true;
    }

    /** Runs on the event loop: writes what is queued, flushes once, and hands itself on while more is queued. */
    private void drain() {
        int written = 0;
        Object entry;
        while (!blocked() && written < FRAMES_PER_FLUSH && (entry = queued.poll()) != null) {
            write(entry instanceof Frame.OneWayAcknowledge acknowledge ? coalesce(acknowledge) : entry);
            written++;
        }
        if (written > 0) {
            channel.flush();
        }
        if (blocked()) {
            paused = true; // still scheduled: channelWritabilityChanged or channelInactive resumes
        } else if (!queued.isEmpty()) {
            again(); // after the loop's other work: reads keep their turn
        } else {
            scheduled.set(false);
            // a frame queued after the last poll by a sender that saw 'scheduled' still set is drained here
            if (!queued.isEmpty() && scheduled.compareAndSet(false, true)) {
                again();
            }
        }
    }

    private void again() {
        if (!EventLoopTasks.submit(channel, drain)) {
            stopped = true;
        }
    }

    /**
     * {@code first} and the one-way acknowledgements of the same session queued right behind it, as one: they were
     * leaving in the same flush anyway, and the broker carries out one acknowledgement of many deliveries at the cost
     * of one. Only adjacent ones merge, so the order among all frames stays as it was.
     */
    private Frame.OneWayAcknowledge coalesce(Frame.OneWayAcknowledge first) {
        int sessionId = first.acknowledge().sessionId();
        if (!mergeable(first, sessionId) || !(queued.peek() instanceof Frame.OneWayAcknowledge next)
                || !mergeable(next, sessionId)) {
            return first;
        }
        List<Long> deliveryIds = new ArrayList<>(first.acknowledge().deliveryIds());
        while (deliveryIds.size() < MAX_COALESCED_IDS && queued.peek() instanceof Frame.OneWayAcknowledge more
                && mergeable(more, sessionId)) {
            queued.poll(); // the one just peeked: this drain is the queue's only consumer
            deliveryIds.addAll(more.acknowledge().deliveryIds());
        }
        return new Frame.OneWayAcknowledge(new Command.Acknowledge(sessionId, deliveryIds));
    }

    private static boolean mergeable(Frame.OneWayAcknowledge acknowledge, int sessionId) {
        return acknowledge.acknowledge().sessionId() == sessionId && acknowledge.acknowledge().deliveryIds() != null;
    }

    private void write(Object entry) {
        if (entry instanceof Listened listened) {
            channel.write(listened.frame()).addListener(listened.listener());
        } else {
            channel.write(entry, channel.voidPromise());
        }
    }

    /** Whether the drain must wait: the channel is open and its write buffer full. */
    private boolean blocked() {
        return channel.isActive() && !channel.isWritable();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resume();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        resume();
        ctx.fireChannelInactive();
    }

    private void resume() {
        if (paused && !blocked()) {
            paused = false;
            drain();
        }
    }
}
