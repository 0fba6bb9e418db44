package dev.gannet.management.console;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refuses (403) every request, page or API, whose {@code Host} header does not name the console: its configured host,
 * the address it is bound to, {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with its port. A page of another
 * site that had its name resolve to the console's address (DNS rebinding) sends its own name and is refused, so it
 * cannot reach a console without login. A console bound to a wildcard address (0.0.0.0, ::) answers any host name: it
 * cannot tell which of the machine's names are its own.
 */
final class AllowedHosts extends Filter {

    private final Set<String> names;
    private final int port;
    /** The port a Host header without one means: 443 over HTTPS, 80 over HTTP. */
    private final int defaultPort;
    private final boolean anyHost;

    AllowedHosts(String configuredHost, InetSocketAddress bound, boolean https) {
        this.names = Stream.of(bracketed(configuredHost), bracketed(bound.getAddress().getHostAddress()), "localhost",
                "127.0.0.1", "[::1]").map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.port = bound.getPort();
        this.defaultPort = https ? 443 : 80;
        this.anyHost = bound.getAddress().isAnyLocalAddress();
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Whether a request with the {@code Host} header {@code host} (null: none) is addressed to the console. */
    boolean allows(String host) {
        if (anyHost) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        int portAt = name.startsWith("[") ? name.indexOf("]:") + 1 : name.lastIndexOf(':');
        int requestedPort = defaultPort;
        if (portAt > 0) {
            try {
                requestedPort = Integer.parseInt(name.substring(portAt + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            name = name.substring(0, portAt);
        }
        return requestedPort == port && names.contains(name);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (allows(exchange.getRequestHeaders().getFirst("Host"))) {
            chain.doFilter(exchange);
            return;
        }
        try (exchange) {
            byte[] body = "The request's Host header does not name this console".getBytes(StandardCharsets.UTF_8);
            WebConsole.securityHeaders(exchange);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public String description() {
        return "Refuses requests whose Host header does not name the console";
    }
}
