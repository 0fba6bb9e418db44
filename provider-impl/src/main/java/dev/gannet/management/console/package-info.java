/**
 * The broker's web console: an HTTP(S) server of the JDK ({@code com.sun.net.httpserver}) serving one page of plain
 * HTML, CSS and JavaScript and the JSON API it calls, every operation through {@link dev.gannet.broker.Administration}.
 *
 * <ul>
 *   <li>{@link dev.gannet.management.console.WebConsole} — starts and stops the server; the standalone server's
 *       {@code RunningServer} opens it when {@code management.console.port} is set.</li>
 *   <li>{@code ConsoleApi} — the JSON API: sessions, the CSRF token of every POST, the manage right of each request,
 *       and the mapping of broker failures to HTTP answers.</li>
 *   <li>{@code ConsoleViews} — what the pages show and do, in the administration's terms: lists filtered, sorted and
 *       paged in the server, a queue's messages a page at a time, purge, retry, move, pause, close.</li>
 *   <li>{@code ConsoleSessions} — the logged-in users: random session ids and CSRF tokens, ended by logout or idleness.</li>
 *   <li>{@link dev.gannet.management.console.ConsoleAccess} — who may use the console: open without security,
 *       {@link dev.gannet.management.console.ManagedConsoleAccess} (the broker's
 *       {@link dev.gannet.broker.ManagementAccess}) with it.</li>
 *   <li>{@code ConsoleResources}, {@code Json} — the page's files from the class path, and escaped JSON.</li>
 * </ul>
 */
package dev.gannet.management.console;
