package dev.gannet.management.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless chromium driven through its chromedriver ({@value #CHROMIUM}, {@value #CHROMEDRIVER}), never a
 * browser or driver Selenium Manager would download: both paths are given, so nothing is fetched. Missing, they fail
 * the test with what to install.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Where screenshots of the console's pages go: build output. */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** How long the page may take to show what a test waits for (a busy 2-core machine; polling every 3 s). */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    ConsoleBrowser() {
        for (String program : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(program).canExecute()) {
                fail(program + " is missing: the web console's browser tests need Debian's chromium and its driver;"
                        + " install them once with: apt-get install -y chromium chromium-driver");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /**
     * Waits for {@code condition} to give a value other than null or false (asking again when the page's refresh
     * replaced an element it read); fails the test past the deadline.
     */
    <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            return fail("not within " + WAIT.toSeconds() + " s: " + what + " (page: " + text() + ")", e);
        }
    }

    /**
     * Clicks what {@code by} finds, finding it again if the page's refresh replaced it between finding and clicking
     * (the lists are drawn anew every few seconds).
     */
    void click(By by) {
        await("a click on " + by, driver -> {
            try {
                driver.findElement(by).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return false;
            }
        });
    }

    /** The text the page shows. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Saves what the browser shows as {@code target/console-screenshots/NAME.png}; answers the file. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
