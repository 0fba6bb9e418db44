package dev.gannet.transport.tcp;

import dev.gannet.protocol.Command;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frame writer: order, one flush per burst, writability and a closed channel on an {@link EmbeddedChannel}; order
 * of frames sent from many threads over a local channel pair on real event loops.
 */
@Timeout(60)
class FrameWriterTest {

    /** Heartbeats far apart: none may slip in between the frames a test counts. */
    private static final TcpOptions OPTIONS = TcpOptions.defaults()
            .withHeartbeat(Duration.ofMinutes(10), Duration.ofMinutes(30));

    @Test
    void aBurstOfFramesLeavesInOrderWithOneFlush() {
        AtomicInteger flushes = new AtomicInteger();
        EmbeddedChannel channel = channel(flushes);
        FrameWriter writer = FrameWriter.of(channel);
        for (int i = 1; i <= 100; i++) {
            assertTrue(writer.send(new Frame.SendsProcessed(i, i)));
        }
        assertEquals(List.of(), written(channel), "nothing is written before the drain runs on the loop");
        channel.runPendingTasks();
        assertEquals(1, flushes.get(), "one flush for the burst");
        assertEquals(sequence(1, 100), written(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void aLongQueueIsFlushedInChunksAndKeepsItsOrder() {
        AtomicInteger flushes = new AtomicInteger();
        EmbeddedChannel channel = channel(flushes);
        FrameWriter writer = FrameWriter.of(channel);
        int count = FrameWriter.FRAMES_PER_FLUSH * 3 + 1;
        for (int i = 1; i <= count; i++) {
            writer.send(new Frame.SendsProcessed(i, i));
        }
        channel.runPendingTasks();
        assertEquals(4, flushes.get());
        assertEquals(sequence(1, count), written(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void framesFromManyThreadsKeepEachThreadsOrder() throws Exception {
        int threads = 4;
        int each = 5_000;
        List<Frame> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(threads * each);
        EventLoopGroup group = new DefaultEventLoopGroup(2);
        try {
            LocalAddress address = new LocalAddress("frame-writer-" + System.nanoTime());
            new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel channel) {
                            FramePipeline.install(channel.pipeline(), OPTIONS, new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    received.add((Frame) msg);
                                    all.countDown();
                                }
                            });
                        }
                    }).bind(address).sync();
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel channel) {
                            FramePipeline.install(channel.pipeline(), OPTIONS, new ChannelInboundHandlerAdapter());
                        }
                    }).connect(address).sync().channel();
            FrameWriter writer = FrameWriter.of(client);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 1; t <= threads; t++) {
                int sender = t;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 1; i <= each; i++) { // sends: the sender; bytes: its sequence number
                        writer.send(new Frame.SendsProcessed(sender, i));
                    }
                });
                thread.start();
                senders.add(thread);
            }
            start.countDown();
            for (Thread thread : senders) {
                thread.join();
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "frames received: " + received.size());
            long[] last = new long[threads + 1];
            synchronized (received) {
                for (Frame frame : received) {
                    Frame.SendsProcessed processed = (Frame.SendsProcessed) frame;
                    int sender = processed.sends();
                    assertEquals(last[sender] + 1, processed.bytes(), "order of sender " + sender);
                    last[sender] = processed.bytes();
                }
            }
            client.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void anUnwritableChannelHoldsTheFramesUntilItIsWritableAgain() {
        EmbeddedChannel channel = channel(new AtomicInteger());
        FrameWriter writer = FrameWriter.of(channel);
        writer.send(new Frame.SendsProcessed(1, 1));
        channel.runPendingTasks();
        assertEquals(sequence(1, 1), written(channel));

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertFalse(channel.isWritable());
        for (int i = 2; i <= 5; i++) {
            writer.send(new Frame.SendsProcessed(i, i));
        }
        channel.runPendingTasks();
        assertEquals(List.of(), written(channel), "nothing written while the peer does not read");

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertEquals(sequence(2, 5), written(channel));
        writer.send(new Frame.SendsProcessed(6, 6));
        channel.runPendingTasks();
        assertEquals(sequence(6, 6), written(channel), "the writer goes on after a pause");
        channel.finishAndReleaseAll();
    }

    @Test
    void framesHeldForAnUnwritableChannelFailWhenItCloses() {
        EmbeddedChannel channel = channel(new AtomicInteger());
        FrameWriter writer = FrameWriter.of(channel);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        List<ChannelFuture> outcomes = new CopyOnWriteArrayList<>();
        writer.send(new Frame.SendsProcessed(1, 1), outcomes::add);
        channel.runPendingTasks();
        assertTrue(outcomes.isEmpty());
        channel.close();
        channel.runPendingTasks();
        assertEquals(1, outcomes.size());
        assertFalse(outcomes.get(0).isSuccess(), "a write to a closed channel fails, as before the writer");
        channel.finishAndReleaseAll();
    }

    @Test
    void adjacentAcknowledgementsOfOneSessionLeaveAsOneAndNothingElseMoves() {
        EmbeddedChannel channel = channel(new AtomicInteger());
        FrameWriter writer = FrameWriter.of(channel);
        writer.send(acknowledge(1, 1L));
        writer.send(acknowledge(1, 2L, 3L));
        writer.send(acknowledge(1, 4L));
        writer.send(acknowledge(2, 5L));
        writer.send(acknowledge(1, 6L));
        writer.send(acknowledge(1, 7L));
        writer.send(new Frame.SendsProcessed(1, 1));
        writer.send(acknowledge(1, 8L));
        channel.runPendingTasks();
        assertEquals(List.of(acknowledge(1, 1L, 2L, 3L, 4L), acknowledge(2, 5L), acknowledge(1, 6L, 7L),
                new Frame.SendsProcessed(1, 1), acknowledge(1, 8L)), written(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void aCoalescedAcknowledgementCarriesAtMostItsLimitOfIds() {
        EmbeddedChannel channel = channel(new AtomicInteger());
        FrameWriter writer = FrameWriter.of(channel);
        int count = FrameWriter.MAX_COALESCED_IDS + 1;
        for (long id = 1; id <= count; id++) {
            writer.send(acknowledge(1, id));
        }
        channel.runPendingTasks();
        List<Frame> frames = written(channel);
        assertEquals(2, frames.size());
        assertEquals(FrameWriter.MAX_COALESCED_IDS,
                ((Frame.OneWayAcknowledge) frames.get(0)).acknowledge().deliveryIds().size());
        assertEquals(List.of((long) count), ((Frame.OneWayAcknowledge) frames.get(1)).acknowledge().deliveryIds());
        channel.finishAndReleaseAll();
    }

    private static Frame.OneWayAcknowledge acknowledge(int sessionId, Long... deliveryIds) {
        return new Frame.OneWayAcknowledge(new Command.Acknowledge(sessionId, List.of(deliveryIds)));
    }

    // ---- helpers

    /** A channel with the shared pipeline; {@code flushes} counts the flushes reaching the socket's end. */
    private static EmbeddedChannel channel(AtomicInteger flushes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("flushes", new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        FramePipeline.install(channel.pipeline(), OPTIONS, new ChannelInboundHandlerAdapter());
        return channel;
    }

    /** The frames the channel wrote since the last call, decoded. */
    private static List<Frame> written(EmbeddedChannel channel) {
        List<Frame> frames = new ArrayList<>();
        EmbeddedChannel reader = new EmbeddedChannel();
        FramePipeline.install(reader.pipeline(), OPTIONS, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add((Frame) msg);
            }
        });
        for (Object part; (part = channel.readOutbound()) != null; ) {
            reader.writeInbound((ByteBuf) part);
        }
        reader.finishAndReleaseAll();
        return frames;
    }

    private static List<Frame> sequence(int from, int to) {
        List<Frame> frames = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            frames.add(new Frame.SendsProcessed(i, i));
        }
        return frames;
    }
}
