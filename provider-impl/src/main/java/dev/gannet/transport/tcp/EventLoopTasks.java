package dev.gannet.transport.tcp;

import io.netty.channel.Channel;

import java.util.concurrent.RejectedExecutionException;

/** Hands work to a channel's event loop from other threads, knowing that the loop may already have stopped. */
public final class EventLoopTasks {

    private EventLoopTasks() {
    }

    /** Runs {@code task} on the channel's event loop; false when the loop has stopped and the task will never run. */
    public static boolean submit(Channel channel, Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
