package dev.gannet.management.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gannet.management.console.ConsoleSessions.Session;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's JSON API under {@code /api/}: reads are GETs, every change is a POST that must carry the session's
 * CSRF token in the {@value WebConsole#CSRF_HEADER} header (the login, which has no session yet, must carry the
 * {@value WebConsole#LOGIN_HEADER} header, which a cross-site form cannot send). Every request but
 * {@code GET /api/session} and {@code POST /api/login} needs a session: a logged-in manager's, or, on a broker without
 * authentication, the one {@code GET /api/session} opens for anybody. A request whose Host header does not name the
 * console never gets here ({@link AllowedHosts}).
 */
final class ConsoleApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    /** Longest user name written to the log as typed at a login. */
    private static final int MAX_LOGGED_USER = 64;
    /** Longest request body read (a login or an operation's form). */
    private static final int MAX_BODY = 16 * 1024;

    private final ConsoleViews views;
    private final ConsoleSessions sessions;
    private final ConsoleAccess access;
    /** Whether the console speaks HTTPS: its cookie is then {@code Secure}. */
    private final boolean https;

    ConsoleApi(ConsoleViews views, ConsoleSessions sessions, ConsoleAccess access, boolean https) {
        this.views = views;
        this.sessions = sessions;
        this.access = access;
        this.https = https;
    }

    /** A request's answer: a status and a JSON body. */
    private record Answer(int status, Object body) {
        static Answer ok(Object body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String message) {
            return new Answer(status, Map.of("error", message));
        }
    }

    /** A problem a request has, answered with {@code status} and {@code message}. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (Refusal refusal) {
                answer = Answer.error(refusal.status, refusal.getMessage());
            } catch (InvalidDestinationException e) {
                answer = Answer.error(404, e.getMessage());
            } catch (InvalidSelectorException e) {
                answer = Answer.error(400, e.getMessage());
            } catch (IllegalStateException e) {
                // the broker refuses in the queue's present state (e.g. a delete while it has consumers): the user's
                // to resolve, not a failure of the broker
                answer = Answer.error(409, e.getMessage());
            } catch (JMSException e) {
                LOG.warn("Console request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        e);
                answer = Answer.error(500, "The broker could not do it: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Console request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e);
                answer = Answer.error(500, "Internal error: the broker's log tells more");
            }
            send(exchange, answer);
        }
    }

    private Answer answer(HttpExchange exchange) throws Refusal, JMSException, IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        boolean post = method.equals("POST");
        if (!post && !method.equals("GET")) {
            throw new Refusal(405, "Only GET and POST are served");
        }
        Map<String, String> parameters = post ? form(exchange) : query(exchange);
        if (path.equals("/api/login")) {
            requirePost(post);
            return login(exchange, parameters);
        }
        Optional<Session> session = sessions.find(WebConsole.sessionCookie(exchange));
        if (path.equals("/api/session") && !post) {
            return session(exchange, session);
        }
        Session current = session.orElseThrow(() -> new Refusal(401, "Log in first"));
        if (post && !current.csrfMatches(exchange.getRequestHeaders().getFirst(WebConsole.CSRF_HEADER))) {
            throw new Refusal(403, "The request lacks this session's CSRF token (header " + WebConsole.CSRF_HEADER
                    + ")");
        }
        if (path.equals("/api/logout")) {
            sessions.close(current.id());
            WebConsole.clearSessionCookie(exchange, https);
            return Answer.ok(Map.of("loggedIn", false));
        }
        if (!current.manager().mayManageBroker()) {
            throw new Refusal(403, who(current) + " may not manage the broker (any more)");
        }
        for (String queueParameter : new String[] {"queue", "target"}) {
            String queue = parameters.get(queueParameter);
            if (queue != null && !queue.isEmpty() && !current.manager().mayManage(views.queueDestination(queue))) {
                throw new Refusal(403, who(current) + " may not manage queue " + queue);
            }
        }
        return post ? change(current, path, parameters) : read(current, path, parameters);
    }

    private static String who(Session session) {
        return session.user() == null ? "The anonymous console user" : "User '" + session.user() + "'";
    }

    private static void requirePost(boolean post) throws Refusal {
        if (!post) {
            throw new Refusal(405, "Use POST");
        }
    }

    private Answer session(HttpExchange exchange, Optional<Session> session) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("loginRequired", access.logsIn());
        Session current = session.orElse(null);
        if (current == null && !access.logsIn()) {
            current = sessions.open(access.login(null, null, remote(exchange)));
            WebConsole.setSessionCookie(exchange, current.id(), https);
        }
        answer.put("loggedIn", current != null);
        if (current != null) {
            answer.put("user", current.user());
            answer.put("csrf", current.csrf());
        }
        return Answer.ok(answer);
    }

    private Answer login(HttpExchange exchange, Map<String, String> parameters) throws Refusal {
        if (!"gannet-console".equals(exchange.getRequestHeaders().getFirst(WebConsole.LOGIN_HEADER))) {
            throw new Refusal(403, "A login must carry the header " + WebConsole.LOGIN_HEADER + ": gannet-console");
        }
        if (!access.logsIn()) {
            throw new Refusal(400, "The broker has no authentication: the console needs no login");
        }
        String user = parameters.getOrDefault("user", "");
        String password = parameters.getOrDefault("password", "");
        String remote = remote(exchange);
        ConsoleAccess.Manager manager;
        try {
            manager = access.login(user, password, remote);
        } catch (SecurityException e) {
            LOG.info("Console login of user '{}' from {} refused: {}", loggable(user), remote, e.getMessage());
            throw new Refusal(401, "Login refused: wrong user name or password");
        }
        if (!manager.mayManageBroker()) {
            LOG.info("Console login of user '{}' from {} refused: no right to manage the broker", loggable(user),
                    remote);
            throw new Refusal(403, "Login refused: user '" + manager.user() + "' may not manage the broker (it needs"
                    + " the right manage, e.g. security.permission.#.manage)");
        }
        String loggedIn = manager.user();
        Optional.ofNullable(WebConsole.sessionCookie(exchange)).ifPresent(sessions::close);
        Session session = sessions.open(manager);
        WebConsole.setSessionCookie(exchange, session.id(), https);
        LOG.info("Console login of user '{}' from {}", loggedIn, remote);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("loginRequired", true);
        answer.put("loggedIn", true);
        answer.put("user", loggedIn);
        answer.put("csrf", session.csrf());
        return Answer.ok(answer);
    }

    /**
     * A user name as typed, fit for one line of the log: control characters (a forged line break) become '?', and
     * a name longer than {@value #MAX_LOGGED_USER} characters is cut, marked with "...".
     */
    static String loggable(String user) {
        String line = user.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() <= MAX_LOGGED_USER ? line : line.substring(0, MAX_LOGGED_USER) + "...";
    }

    private Answer read(Session session, String path, Map<String, String> parameters) throws Refusal, JMSException {
        return switch (path) {
            case "/api/overview" -> Answer.ok(views.overview());
            case "/api/queues" -> Answer.ok(views.queues(listRequest(parameters), session.manager()::mayManage));
            case "/api/subscriptions" -> Answer.ok(views.subscriptions(listRequest(parameters),
                    session.manager()::mayManage));
            case "/api/connections" -> Answer.ok(views.connections(listRequest(parameters)));
            case "/api/dead-letter-queues" -> Answer.ok(Map.of("items", views.deadLetterQueues()));
            case "/api/messages" -> Answer.ok(views.messages(required(parameters, "queue"),
                    number(parameters, "offset", 0), number(parameters, "size", 20)));
            default -> throw new Refusal(404, "No such page: " + path);
        };
    }

    private Answer change(Session session, String path, Map<String, String> parameters)
            throws Refusal, JMSException {
        String who = who(session);
        String messageId = blankToNull(parameters.get("messageId"));
        Map<String, Object> answer = new HashMap<>();
        switch (path) {
            case "/api/purge" -> {
                String queue = required(parameters, "queue");
                answer.put("count", views.purge(queue));
                LOG.info("Console: {} purged queue {} ({} messages)", who, queue, answer.get("count"));
            }
            case "/api/remove" -> {
                String queue = required(parameters, "queue");
                // removing every message is a purge, which the console confirms as such: remove takes one
                answer.put("count", views.remove(queue, required(parameters, "messageId")));
                LOG.info("Console: {} removed {} message(s) of queue {}", who, answer.get("count"), queue);
            }
            case "/api/retry" -> {
                String queue = required(parameters, "queue");
                // a message goes back to the destination its own property names, which may be any: only a manager
                // of the whole broker may send it there (as over remote JMX)
                if (!session.manager().mayManageBroker()) {
                    throw new Refusal(403, who + " may not retry messages: that needs the right manage on the whole"
                            + " broker, since each message names the destination it goes back to");
                }
                answer.put("count", views.retry(queue, messageId));
                LOG.info("Console: {} retried {} message(s) of queue {}", who, answer.get("count"), queue);
            }
            case "/api/move" -> {
                String queue = required(parameters, "queue");
                String target = required(parameters, "target");
                answer.put("count", views.move(queue, messageId, target));
                LOG.info("Console: {} moved {} message(s) of queue {} to {}", who, answer.get("count"), queue,
                        target);
            }
            case "/api/pause", "/api/resume" -> {
                String queue = required(parameters, "queue");
                views.pause(queue, path.equals("/api/pause"));
                LOG.info("Console: {} {}d queue {}", who, path.substring(5), queue);
                answer.put("paused", path.equals("/api/pause"));
            }
            case "/api/close-connection" -> {
                long id = number(parameters, "id", -1);
                boolean closed = views.closeConnection(id);
                if (!closed) {
                    throw new Refusal(404, "No connection " + id + " (any more)");
                }
                LOG.info("Console: {} closed connection {}", who, id);
                answer.put("closed", true);
            }
            default -> throw new Refusal(404, "No such operation: " + path);
        }
        return Answer.ok(answer);
    }

    private static ConsoleViews.ListRequest listRequest(Map<String, String> parameters) throws Refusal {
        return new ConsoleViews.ListRequest(parameters.get("filter"), blankToNull(parameters.get("sort")),
                "desc".equals(parameters.get("dir")), number(parameters, "page", 0), number(parameters, "size", 25));
    }

    private static String required(Map<String, String> parameters, String name) throws Refusal {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new Refusal(400, "The parameter '" + name + "' is required");
        }
        return value;
    }

    private static int number(Map<String, String> parameters, String name, int fallback) throws Refusal {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Refusal(400, "The parameter '" + name + "' is not a whole number");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String remote(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return decode(exchange.getRequestURI().getRawQuery());
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException, Refusal {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.startsWith("application/x-www-form-urlencoded")) {
            throw new Refusal(415, "Send the parameters as application/x-www-form-urlencoded");
        }
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Refusal(413, "The request is too large");
            }
            return decode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> parameters = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair is left out; a required parameter it held is then reported missing
            }
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        WebConsole.securityHeaders(exchange);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }
}
