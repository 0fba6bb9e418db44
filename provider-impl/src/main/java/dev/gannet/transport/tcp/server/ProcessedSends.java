package dev.gannet.transport.tcp.server;

import dev.gannet.transport.tcp.Frame;
import dev.gannet.transport.tcp.SendWindowLimits;

/**
 * The broker's half of one tcp connection's one-way send window ({@link SendWindowLimits}): refuses a client that sends beyond its window, and
 * says when to report processed one-way sends back. Received but unreported sends are what the broker may hold of
 * this connection's one-way sends: at most {@link SendWindowLimits#MAX_SENDS} sends and {@link SendWindowLimits#MAX_BYTES} bytes
 * plus one message.
 */
final class ProcessedSends {

    private int receivedSends; // guarded by this; received and not reported yet
    private long receivedBytes; // guarded by this
    private int processedSends; // guarded by this; processed and not reported yet
    private long processedBytes; // guarded by this

    /**
     * Counts a one-way send that arrived. False if the client's window was full already, which a client keeping to the
     * protocol never does: the broker's count lags the client's by the reports still on their way.
     */
    synchronized boolean received(int weight) {
        if (receivedSends >= SendWindowLimits.MAX_SENDS || receivedBytes >= SendWindowLimits.MAX_BYTES) {
            return false;
        }
        receivedSends++;
        receivedBytes += weight;
        return true;
    }

    /**
     * Counts a one-way send the broker finished; answers the report to send the client now (when half the window's
     * sends or bytes were processed since the last one), or null.
     */
    synchronized Frame.SendsProcessed processed(int weight) {
        processedSends++;
        processedBytes += weight;
        if (processedSends < SendWindowLimits.MAX_SENDS / 2 && processedBytes < SendWindowLimits.MAX_BYTES / 2) {
            return null;
        }
        Frame.SendsProcessed report = new Frame.SendsProcessed(processedSends, processedBytes);
        receivedSends -= processedSends;
        receivedBytes -= processedBytes;
        processedSends = 0;
        processedBytes = 0;
        return report;
    }
}
