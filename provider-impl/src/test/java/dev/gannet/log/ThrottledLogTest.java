package dev.gannet.log;

import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19: a warning a client can repeat is logged once per interval, with the count of those held back. */
class ThrottledLogTest {

    private final Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final EventRecordingLogger log = new EventRecordingLogger(new SubstituteLogger("test", events, false),
            events);
    private final AtomicLong clock = new AtomicLong();
    private final ThrottledLog warnings = new ThrottledLog(Duration.ofSeconds(10), clock::get);

    @Test
    void repeatsWithinTheIntervalAreCountedAndReportedWithTheNextOne() {
        assertTrue(warnings.warn(log, "Closing tcp connection {}: malformed frame", "a"));
        for (int i = 0; i < 1000; i++) {
            assertFalse(warnings.warn(log, "Closing tcp connection {}: malformed frame", "b" + i));
        }
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(warnings.warn(log, "Closing tcp connection {}: malformed frame", "c"));
        assertEquals(List.of("Closing tcp connection a: malformed frame",
                "Closing tcp connection c: malformed frame (1000 more like it since the last one logged)"), lines());
    }

    @Test
    void eachKindHasItsOwnInterval() {
        warnings.warn(log, "one {}", 1);
        warnings.warn(log, "other {}", 2);
        warnings.warn(log, "one {}", 3);
        assertEquals(List.of("one 1", "other 2"), lines());
    }

    @Test
    void aTrailingThrowableStaysTheLoggedException() {
        IllegalStateException failure = new IllegalStateException("boom");
        warnings.warn(log, "failed {}", "x", failure);
        warnings.warn(log, "failed {}", "y", failure);
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        warnings.warn(log, "failed {}", "z", failure);
        assertEquals(List.of("failed x", "failed z (1 more like it since the last one logged)"), lines());
        events.forEach(event -> assertSame(failure, event.getThrowable()));
    }

    private List<String> lines() {
        return events.stream()
                .map(event -> MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray()))
                .toList();
    }
}
