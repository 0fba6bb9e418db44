package dev.gannet.management.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's pages: one HTML page, its script and its style sheet, read once from the class path
 * ({@code dev/gannet/management/console/}). Nothing is fetched from anywhere else, at build or run time.
 * {@code /} redirects to {@code /console/}.
 */
final class ConsoleResources implements HttpHandler {

    private record Resource(String type, byte[] bytes) {
    }

    private final Map<String, Resource> byPath;

    ConsoleResources() {
        byPath = Map.of(
                "/console/", load("index.html", "text/html; charset=utf-8"),
                "/console/console.js", load("console.js", "text/javascript; charset=utf-8"),
                "/console/console.css", load("console.css", "text/css; charset=utf-8"));
    }

    private static Resource load(String name, String type) {
        try (InputStream in = ConsoleResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The console's resource " + name + " is missing from the class path");
            }
            return new Resource(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console's resource " + name, e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebConsole.securityHeaders(exchange);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (path.equals("/") || path.equals("/console")) {
                exchange.getResponseHeaders().set("Location", "/console/");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            Resource resource = byPath.get(path);
            if (resource == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                byte[] body = "Not found".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", resource.type());
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, resource.bytes().length);
            exchange.getResponseBody().write(resource.bytes());
        }
    }
}
