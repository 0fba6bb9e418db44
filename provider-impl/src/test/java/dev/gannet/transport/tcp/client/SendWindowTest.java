package dev.gannet.transport.tcp.client;

import dev.gannet.transport.tcp.SendWindowLimits;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client's side of the one-way send window. */
@Timeout(60)
class SendWindowTest {

    @Test
    void senderWaitsWhileTheWindowIsFullAndGoesOnWhenTheBrokerReports() throws Exception {
        SendWindow window = new SendWindow();
        for (int i = 0; i < SendWindowLimits.MAX_SENDS; i++) {
            window.acquire(100);
        }
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> acquireQuietly(window));
        assertThrows(TimeoutException.class, () -> next.get(200, TimeUnit.MILLISECONDS));
        window.processed(SendWindowLimits.MAX_SENDS / 2, (SendWindowLimits.MAX_SENDS / 2) * 100L);
        next.get(10, TimeUnit.SECONDS);
    }

    @Test
    void waitingSenderFailsWhenTheLinkIsLost() throws Exception {
        SendWindow window = new SendWindow();
        window.acquire((int) SendWindowLimits.MAX_BYTES);
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> acquireQuietly(window));
        assertThrows(TimeoutException.class, () -> next.get(200, TimeUnit.MILLISECONDS));
        window.close(() -> new JMSException("Connection to somewhere lost"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
        assertEquals("Connection to somewhere lost", e.getCause().getCause().getMessage());
        assertThrows(JMSException.class, () -> window.acquire(1), "later senders fail at once");
    }

    private static void acquireQuietly(SendWindow window) {
        try {
            window.acquire(100);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
