package dev.gannet.management.console;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real headless browser (Debian's chromium through chromedriver) against a real standalone
 * server with security on: logging in and being refused, live figures, browsing, retrying a dead letter, purging
 * with a confirmation, closing a connection. Screenshots of the main pages go to {@code target/console-screenshots}.
 */
@Timeout(300)
class WebConsoleBrowserTest {

    /** Queues beyond the first page of 25, so that the list pages. */
    private static final int EXTRA_QUEUES = 40;

    @TempDir
    static Path directory;

    private static ConsoleServer server;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        List<String> queues = new ArrayList<>(List.of("orders", "bulk", "work"));
        for (int i = 0; i < EXTRA_QUEUES; i++) {
            queues.add(String.format("page.q%02d", i));
        }
        server = new ConsoleServer(directory, true, "queues=" + String.join(",", queues));
        browser = new ConsoleBrowser();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.open(server.base() + "/console/");
        browser.driver().manage().deleteAllCookies();
        browser.open(server.base() + "/console/");
        browser.await("the login form", driver -> driver.findElement(By.id("login-user")).isDisplayed());
    }

    @Test
    void aWrongPasswordAndAUserWithoutTheManageRightAreRefused() throws Exception {
        logIn("admin", "wrong");
        browser.await("the refusal", driver -> driver.findElement(By.id("login-error")).getText()
                .contains("Login refused"));
        assertFalse(browser.find(By.id("main")).isDisplayed(), "nothing of the broker is shown");
        browser.screenshot("console-login-refused");

        logIn("app", ConsoleServer.PASSWORD);
        browser.await("the refusal of a user without manage", driver -> driver.findElement(By.id("login-error"))
                .getText().contains("may not manage"));
        assertFalse(browser.find(By.id("main")).isDisplayed());
    }

    @Test
    void aQueuesDepthChangesAfterSendsWithoutReloadingThePage() throws Exception {
        logInAsAdmin();
        assertEquals("0", browser.await("the orders row", driver -> text(cell("orders", "depth"))));
        browser.script("window.gannetMarker = 'this page';");

        send("orders", 4);
        browser.await("depth 4 of orders", driver -> "4".equals(text(cell("orders", "depth"))));
        assertEquals("this page", browser.script("return window.gannetMarker;"), "the page was not reloaded");
        browser.screenshot("console-queues");

        browser.find(By.cssSelector("th[data-key=depth]")).click();
        browser.find(By.cssSelector("th[data-key=depth]")).click();
        browser.await("sorted by depth, deepest first", driver -> driver.findElement(
                By.cssSelector("th[data-key=depth]")).getAttribute("class").equals("sorted-desc"));
        List<Long> depths = browser.await("the depths", driver -> driver.findElements(
                By.cssSelector("#queues-table td.depth")).stream().map(cell -> Long.parseLong(cell.getText())).toList());
        assertEquals(depths.stream().sorted(Collections.reverseOrder()).toList(), depths, "deepest first");
        assertTrue(depths.get(0) >= 4);

        browser.find(By.id("filter")).sendKeys("page.q");
        browser.await("the filtered list in pages", driver -> driver.findElement(By.id("page-info")).getText()
                .equals("Page 1 of 2 (" + EXTRA_QUEUES + ")"));
        browser.find(By.id("next")).click();
        browser.await("the second page", driver -> driver.findElement(By.id("page-info")).getText()
                .startsWith("Page 2 of 2"));
        browser.await("the rest of the queues on it", driver -> driver.findElements(
                By.cssSelector("#queues-table tbody tr")).size() == EXTRA_QUEUES - 25);
    }

    @Test
    void aMessageIsShownWithHeadersPropertiesAndBodyAsText() throws Exception {
        String body = "<img src=x onerror=\"window.gannetInjected = 1\"><script>window.gannetInjected = 2</script>";
        Connection connection = server.connection(null);
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("customer", "<b>ACME</b>");
            message.setJMSCorrelationID("order-17");
            session.createProducer(session.createQueue("browse.me")).send(message);
        }
        logInAsAdmin();
        browser.find(By.id("filter")).sendKeys("browse.me");
        assertEquals("1", browser.await("the browse.me row", driver -> text(cell("browse.me", "depth"))));
        browser.click(By.cssSelector("#queues-table tr[data-key='browse.me'] a.browse"));

        WebElement card = browser.await("the message", driver -> driver.findElement(By.cssSelector(".message")));
        assertTrue(card.findElement(By.tagName("h3")).getText().startsWith("ID:"));
        assertEquals(body, card.findElement(By.cssSelector("pre.body")).getText());
        assertTrue(card.findElement(By.cssSelector("dl.properties")).getText().contains("<b>ACME</b>"));
        assertTrue(card.findElement(By.cssSelector("dl.headers")).getText().contains("order-17"));
        assertEquals(0L, browser.script("return document.querySelectorAll('#messages img, #messages script, "
                + "#messages b').length;"), "untrusted text makes no elements");
        assertEquals(null, browser.script("return window.gannetInjected === undefined ? null : "
                + "window.gannetInjected;"), "no injected script ran");
        browser.screenshot("console-messages");
    }

    @Test
    void aDeadLetteredMessageIsRetried() throws Exception {
        Connection connection = server.connection(null);
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            session.createProducer(session.createQueue("work")).send(session.createTextMessage("job 1"));
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
            assertNotNull(consumer.receive(10_000));
            session.rollback(); // its one delivery attempt failed: to the dead-letter queue
            consumer.close();
        }
        awaitDepth("DLQ", 1);

        logInAsAdmin();
        browser.find(By.id("nav-dlq")).click();
        WebElement card = browser.await("the dead letter", driver -> driver.findElement(By.cssSelector(".message")));
        assertEquals("job 1", card.findElement(By.cssSelector("pre.body")).getText());
        browser.screenshot("console-dead-letters");
        card.findElement(By.cssSelector("button.retry")).click();
        browser.await("the retry's result", driver -> driver.findElement(By.id("status")).getText()
                .equals("Retry: 1 message(s)"));
        browser.await("an empty dead-letter queue", driver -> "0".equals(
                driver.findElement(By.id("queue-depth")).getText()));

        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Message back = session.createConsumer(session.createQueue("work")).receive(10_000);
            assertNotNull(back, "the retried message is back on its queue");
            assertEquals("job 1", ((TextMessage) back).getText());
        }
    }

    @Test
    void purgeAsksFirstAndDoesNothingWhenCancelled() throws Exception {
        send("bulk", 5);
        logInAsAdmin();
        browser.open(server.base() + "/console/#messages/bulk");
        browser.await("five messages", driver -> "5".equals(driver.findElement(By.id("queue-depth")).getText()));

        browser.find(By.id("purge")).click();
        browser.await("the confirmation", driver -> driver.findElement(By.id("confirm")).isDisplayed());
        assertTrue(browser.find(By.id("confirm-text")).getText().contains("Remove every message of bulk"));
        browser.screenshot("console-purge-confirmation");
        browser.find(By.id("confirm-no")).click();
        assertFalse(browser.find(By.id("confirm")).isDisplayed());
        assertEquals(5, depth("bulk"), "cancelled: nothing removed");

        browser.find(By.id("purge")).click();
        browser.await("the confirmation", driver -> driver.findElement(By.id("confirm")).isDisplayed());
        browser.find(By.id("confirm-yes")).click();
        browser.await("the purge's result", driver -> driver.findElement(By.id("status")).getText()
                .equals("Purge: 5 message(s)"));
        browser.await("depth 0", driver -> "0".equals(driver.findElement(By.id("queue-depth")).getText()));
        assertEquals(0, depth("bulk"));
    }

    @Test
    void aConnectionIsClosedFromTheConsole() throws Exception {
        Connection victim = server.connection("victim");
        CountDownLatch closed = new CountDownLatch(1);
        victim.setExceptionListener(e -> closed.countDown());

        logInAsAdmin();
        browser.find(By.id("nav-connections")).click();
        browser.await("the victim's row", driver -> driver.findElements(By.cssSelector("#connections-table td.clientId"))
                .stream().anyMatch(cell -> cell.getText().equals("victim")));
        browser.screenshot("console-connections");
        browser.find(By.id("filter")).sendKeys("victim");
        browser.await("only the victim", driver -> driver.findElements(By.cssSelector("#connections-table tbody tr"))
                .size() == 1);
        browser.click(By.cssSelector("#connections-table button.close-connection"));
        browser.await("the confirmation", driver -> driver.findElement(By.id("confirm")).isDisplayed());
        browser.find(By.id("confirm-yes")).click();
        assertTrue(closed.await(30, TimeUnit.SECONDS), "the client hears its connection was closed");
        browser.await("the row gone", driver -> driver.findElements(By.cssSelector("#connections-table tbody tr"))
                .isEmpty());
    }

    @Test
    void logoutEndsTheSession() {
        logInAsAdmin();
        browser.find(By.id("logout")).click();
        browser.await("the login form again", driver -> driver.findElement(By.id("login")).isDisplayed());
        browser.open(server.base() + "/console/#queues");
        browser.await("still logged out after a reload", driver -> driver.findElement(By.id("login")).isDisplayed());
        assertFalse(browser.find(By.id("main")).isDisplayed());
    }

    // ---- helpers

    private static void logIn(String user, String password) {
        WebElement userField = browser.find(By.id("login-user"));
        userField.clear();
        userField.sendKeys(user);
        WebElement passwordField = browser.find(By.id("login-password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.find(By.id("login-submit")).click();
    }

    private static void logInAsAdmin() {
        logIn("admin", ConsoleServer.PASSWORD);
        browser.await("the queues page", driver -> driver.findElement(By.id("queues-table")).isDisplayed()
                && !driver.findElements(By.cssSelector("#queues-table tbody tr")).isEmpty());
    }

    /** The cell of column {@code column} in the queues table's row of {@code queue}; null while there is none. */
    private static WebElement cell(String queue, String column) {
        List<WebElement> cells = browser.driver().findElements(By.cssSelector("#queues-table tr[data-key='" + queue
                + "'] td." + column));
        return cells.isEmpty() ? null : cells.get(0);
    }

    /** The text of {@code element}; null for none. */
    private static String text(WebElement element) {
        return element == null ? null : element.getText();
    }

    private static void send(String queue, int count) throws JMSException {
        Connection connection = server.connection(null);
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("message " + i));
            }
        }
    }

    /** Messages waiting in {@code queue}, as a queue browser counts them. */
    private static int depth(String queue) throws JMSException {
        Connection connection = server.connection(null);
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser queueBrowser = session.createBrowser(session.createQueue(queue))) {
            return Collections.list(queueBrowser.getEnumeration()).size();
        }
    }

    private static void awaitDepth(String queue, int expected) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (depth(queue) != expected) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within 30 s: " + expected + " message(s) in " + queue + ", but "
                        + depth(queue));
            }
            Thread.sleep(50);
        }
    }
}
