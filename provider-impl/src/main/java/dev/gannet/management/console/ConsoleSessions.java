package dev.gannet.management.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web console's logged-in users: each session has a random id (its cookie) and a random CSRF token that every
 * state-changing request must carry. A session ends when its user logs out or after {@link #IDLE} without a request.
 * Neither id nor token is ever logged or put in a URL.
 */
final class ConsoleSessions {

    /** How long a session lives without a request. */
    static final Duration IDLE = Duration.ofMinutes(30);
    /** Sessions kept at most; past it the oldest-used are dropped (their users log in again). */
    static final int MAX_SESSIONS = 1_000;

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    ConsoleSessions(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /**
     * One logged-in user.
     *
     * @param id   the session cookie's value
     * @param manager who logged in (anonymous on a broker without authentication)
     * @param csrf    the token state-changing requests carry in their {@value WebConsole#CSRF_HEADER} header
     */
    record Session(String id, ConsoleAccess.Manager manager, String csrf) {

        /** The user's name; null for an anonymous manager. */
        String user() {
            return manager.user();
        }

        /** Whether {@code token} is this session's CSRF token (compared in constant time). */
        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session[user=" + user() + "]";
        }
    }

    private record Entry(Session session, Instant lastUsed) {
    }

    /** A new session of {@code manager}. */
    Session open(ConsoleAccess.Manager manager) {
        dropIdle();
        if (byId.size() >= MAX_SESSIONS) {
            byId.entrySet().stream().min((a, b) -> a.getValue().lastUsed.compareTo(b.getValue().lastUsed))
                    .ifPresent(oldest -> byId.remove(oldest.getKey()));
        }
        Session session = new Session(token(), manager, token());
        byId.put(session.id(), new Entry(session, clock.instant()));
        return session;
    }

    /** The live session {@code id} names, marked used now; empty for an unknown or idle one. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry entry = byId.get(id);
        Instant now = clock.instant();
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.lastUsed.plus(IDLE).isBefore(now)) {
            byId.remove(id, entry);
            return Optional.empty();
        }
        byId.replace(id, entry, new Entry(entry.session, now));
        return Optional.of(entry.session);
    }

    /** Ends the session {@code id}. */
    void close(String id) {
        byId.remove(id);
    }

    private void dropIdle() {
        Instant oldest = clock.instant().minus(IDLE);
        byId.values().removeIf(entry -> entry.lastUsed.isBefore(oldest));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
