package dev.bazaar.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver (scripts/browser.sh installs them), headless, as the browser
 * tests drive it. Background networking is off: this machine's closed network refuses Chromium's
 * own connections, many at a time.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static WebDriver open() throws IOException {
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                        "--user-data-dir=" + Files.createTempDirectory("bazaar-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Keeps the page a test failed on, as {@code target/<prefix>-<test method>.png} and {@code .html}:
     * what the browser showed is the quickest way to see why.
     */
    public static TestWatcher evidence(String prefix, Supplier<WebDriver> browser) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                try {
                    String name = prefix + "-" + context.getRequiredTestMethod().getName();
                    Files.createDirectories(Path.of("target"));
                    Files.write(Path.of("target", name + ".png"),
                            ((TakesScreenshot) browser.get()).getScreenshotAs(OutputType.BYTES));
                    Files.writeString(Path.of("target", name + ".html"), browser.get().getPageSource());
                } catch (Exception ignored) {
                    // the evidence is a courtesy; the failure itself is already reported
                }
            }
        };
    }
}
