package dev.gannet.management.console;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's sessions: random ids and tokens, ended by logout or idleness, bounded in number. */
class ConsoleSessionsTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final ConsoleSessions sessions = new ConsoleSessions(new SecureRandom(), clock);

    @Test
    void aSessionHasItsOwnRandomIdAndTokenAndOnlyItsTokenMatches() {
        ConsoleSessions.Session one = sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        ConsoleSessions.Session two = sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.csrf(), one.id());
        assertTrue(one.id().length() >= 43, "256 random bits");
        assertTrue(one.csrfMatches(one.csrf()));
        assertFalse(one.csrfMatches(two.csrf()));
        assertFalse(one.csrfMatches(null));
        assertFalse(one.toString().contains(one.id()) || one.toString().contains(one.csrf()), "never printed");
    }

    @Test
    void aSessionEndsAfterItsIdleTimeButNotWhileUsed() {
        ConsoleSessions.Session session = sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        for (int i = 0; i < 4; i++) {
            clock.now = clock.now.plus(ConsoleSessions.IDLE.minusMinutes(1));
            assertEquals(session, sessions.find(session.id()).orElseThrow(), "used within its idle time");
        }
        clock.now = clock.now.plus(ConsoleSessions.IDLE).plus(Duration.ofSeconds(1));
        assertTrue(sessions.find(session.id()).isEmpty(), "idle too long");
    }

    @Test
    void logoutEndsASession() {
        ConsoleSessions.Session session = sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        sessions.close(session.id());
        assertTrue(sessions.find(session.id()).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
    }

    @Test
    void pastTheMostSessionsTheLeastRecentlyUsedGoes() {
        ConsoleSessions.Session oldest = sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        clock.now = clock.now.plusSeconds(1);
        ConsoleSessions.Session kept = sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        for (int i = 2; i < ConsoleSessions.MAX_SESSIONS; i++) {
            clock.now = clock.now.plusMillis(1);
            sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        }
        clock.now = clock.now.plusSeconds(1);
        sessions.find(kept.id());
        sessions.open(ConsoleAccess.Manager.ANONYMOUS);
        assertTrue(sessions.find(oldest.id()).isEmpty(), "the least recently used session made room");
        assertTrue(sessions.find(kept.id()).isPresent());
    }
}
