package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The developer's path: the gateway's one Swagger UI in a real (headless) Chromium, with
 * every service's API, Authorize through the login page (authorization code + PKCE), and
 * a "Try it out" that reaches order-service with the token.
 */
class SwaggerUiIT {

    static RunningBazaar bazaar;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void openBrowser() throws Exception {
        bazaar = RunningBazaar.get();
        browser = HeadlessChromium.open();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @RegisterExtension
    final TestWatcher evidence = HeadlessChromium.evidence("swagger-ui", () -> browser);

    @Test
    void listsEveryServiceAndTriesAnAuthorizedCallThroughTheGateway() throws Exception {
        browser.get(bazaar.gateway() + "/swagger-ui.html");

        WebElement definitions = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".topbar select")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".information-container .title")));
        List<String> services = new Select(definitions).getOptions().stream().map(WebElement::getText).toList();
        assertThat(String.join(" ", services).toLowerCase()).contains("catalog", "order", "payment", "identity");

        new Select(definitions).selectByVisibleText(services.stream()
                .filter(s -> s.toLowerCase().contains("order")).findFirst().orElseThrow());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();

        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        String swaggerWindow = browser.getWindowHandle();
        WebElement modal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
        WebElement oauth = modal.findElements(By.cssSelector(".auth-container")).stream()
                .filter(c -> c.getText().contains("authorizationCode")).findFirst()
                .orElseThrow(() -> new AssertionError("no authorization code scheme offered: " + modal.getText()));
        List<WebElement> clientId = oauth.findElements(By.cssSelector("input#client_id"));
        if (!clientId.isEmpty() && clientId.getFirst().getAttribute("value").isBlank()) {
            clientId.getFirst().sendKeys("bazaar-web");
        }
        oauth.findElement(By.cssSelector("button.authorize")).click();

        // the login page opens in a window of its own, on the gateway's origin
        wait.until(driver -> driver.getWindowHandles().size() > 1);
        String loginWindow = browser.getWindowHandles().stream().filter(h -> !h.equals(swaggerWindow)).findFirst().orElseThrow();
        browser.switchTo().window(loginWindow);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(shopper.email());
        browser.findElement(By.name("password")).sendKeys(shopper.password());
        browser.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        wait.until(driver -> driver.getWindowHandles().size() == 1);
        browser.switchTo().window(swaggerWindow);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".modal-ux button.modal-btn")));
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.modal-ux .close-modal').click()");

        WebElement listOrders = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//div[contains(@class,'opblock-get')][.//span[@data-path='/api/orders']]")));
        listOrders.findElement(By.cssSelector(".opblock-summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".opblock-get .try-out__btn"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".opblock-get .execute"))).click();

        WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".opblock-get .live-responses-table tbody td.response-col_status")));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", status);
        assertThat(browser.findElement(By.cssSelector(".opblock-get .curl-command")).getText())
                .as("the call carries the token from the sign-in").contains("Authorization: Bearer ey");
        Path shot = Path.of("target", "swagger-ui.png");
        Files.write(shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        assertThat(status.getText()).startsWith("200");
    }
}
