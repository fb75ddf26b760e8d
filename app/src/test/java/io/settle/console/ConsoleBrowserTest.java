package io.settle.console;

import static io.settle.testsupport.RecordingStripeEventRouter.fail;
import static io.settle.testsupport.RecordingStripeEventRouter.handled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.settle.app.gateway.StripeSettings;
import io.settle.app.gateway.simulator.connect.ConnectWebhookDelivery;
import io.settle.app.gateway.simulator.connect.SimulatedConnect;
import io.settle.booking.BookingIntegrationTest;
import io.settle.query.ledger.LedgerQueries;
import io.settle.testsupport.Api;
import io.settle.testsupport.RecordingStripeEventRouter;
import io.settle.testsupport.StripeSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator console in a real browser: the system's headless Chromium (Debian's chromium and
 * chromium-driver; .ci/run installs them) driven by Selenium, against the whole application on PostgreSQL.
 * Logs in, resolves a dispute, retries a failed webhook, looks at payouts, alerts, projections (with a
 * replay) and the ledger check, and saves a screenshot of each step under target/screenshots. Without
 * Chromium the tests are skipped, saying why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends BookingIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(30);

    private static WebDriver browser;
    private static final List<Path> taken = new ArrayList<>();

    @Autowired
    RecordingStripeEventRouter router;
    @Autowired
    StripeSettings stripe;
    @Autowired
    SimulatedConnect connect;
    @Autowired
    ConnectWebhookDelivery connectWebhooks;
    @Autowired
    LedgerQueries ledger;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println("ConsoleBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing "
                    + "(apt-get install chromium chromium-driver; .ci/run does)");
        }
        Assumptions.assumeTrue(installed, CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's "
                + "chromium and chromium-driver (.ci/run does) to run the browser tests");
        Files.createDirectories(SCREENSHOTS);
        // never let Selenium Manager look for (or download) a driver or browser: both are given here
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000",
                "--user-data-dir=" + Files.createTempDirectory("settle-console-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(BROWSER_WAIT);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
            System.out.println("Console screenshots: " + taken);
        }
    }

    @Test
    @Order(1)
    void an_operator_is_sent_to_the_login_page_and_logs_in() {
        browser.manage().deleteAllCookies();
        open("/console/overview");
        waitFor(ExpectedConditions.urlContains("/console/login"));
        assertThat(browser.findElement(By.id("token")).isDisplayed()).isTrue();
        screenshot("01-login");

        browser.findElement(By.id("dev-login")).click();

        waitFor(ExpectedConditions.urlContains("/console/overview"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.cssSelector(".bar .who")).getText()).contains("console_admin");
        assertNoBrowserErrors();
    }

    @Test
    @Order(2)
    void the_overview_shows_the_ledger_figures_and_draws_the_revenue_chart_for_30_and_90_days() {
        Api provider = as(newId("prov"), "PROVIDER");
        String bookingId = paidBooking(provider, as(newId("cust"), "CUSTOMER"), 5000);
        assertThat(admin().post("/api/v1/admin/bookings/" + bookingId + "/release").status()).isEqualTo(200);
        awaitBooking(provider, bookingId, "RELEASED");
        long revenue = -ledgerBalanceAwaitingCommission(bookingId);
        loggedIn();

        open("/console/overview");

        WebElement usd = waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#money tr[data-currency='usd']")));
        assertThat(usd.findElement(By.cssSelector(".revenue")).getText())
                .isEqualTo(String.format("%,.2f USD", BigDecimal.valueOf(revenue, 2)));
        assertThat(usd.findElement(By.cssSelector(".released")).getText()).isNotEqualTo("0.00 USD");
        waitFor(driver -> chartDrawn());
        assertThat(browser.findElement(By.cssSelector("#chart h2")).getText()).contains("last 30 days");
        screenshot("02-overview-30-days");

        browser.findElement(By.id("days-90")).click();

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chart h2"), "last 90 days"));
        waitFor(driver -> chartDrawn());
        assertThat(browser.getCurrentUrl()).as("htmx swapped the chart in place").doesNotContain("days=90");
        screenshot("03-overview-90-days");
        assertNoBrowserErrors();
    }

    @Test
    @Order(3)
    void an_operator_resolves_a_dispute_with_a_refund() {
        Api customer = as(newId("cust"), "CUSTOMER");
        String bookingId = paidBooking(as(newId("prov"), "PROVIDER"), customer, 3000);
        Api.Response disputed = customer.post("/api/v1/bookings/" + bookingId + "/disputes",
                Map.of("reason", "the provider never showed up"));
        assertThat(disputed.status()).as(disputed.toString()).isEqualTo(200);
        awaitBooking(customer, bookingId, "DISPUTED");
        loggedIn();

        open("/console/disputes");
        WebElement row = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("dispute-" + bookingId)));
        assertThat(row.getText()).contains("the provider never showed up").contains("30.00 USD");
        new Select(row.findElement(By.name("outcome"))).selectByValue("REFUND");
        screenshot("04-disputes");
        row.findElement(By.cssSelector("button.resolve")).click();
        Alert confirm = waitFor(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("cannot be undone");
        confirm.accept();

        WebElement notice = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
        assertThat(notice.getText()).isEqualTo("Dispute on " + bookingId + " resolved: REFUND");
        screenshot("05-dispute-resolved");
        awaitBooking(customer, bookingId, "REFUNDED");
        open("/console/disputes"); // the list is a projection: once the booking is refunded it is gone
        assertThat(browser.findElements(By.id("dispute-" + bookingId))).isEmpty();
        awaitLedger("escrow:" + bookingId, 0);
        assertLedgerBalanced();
        assertNoBrowserErrors();
    }

    @Test
    @Order(4)
    void an_operator_retries_a_failed_webhook() {
        String eventId = "evt_console_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        router.onEvent(eventId, fail(new IllegalStateException("no booking for pi_" + eventId)), handled());
        String payload = stripeEvent(eventId);
        Api.Response delivered = api().header(StripeSignature.HEADER, StripeSignature.header(payload, stripe.webhookSecret()))
                .postRaw("/webhooks/stripe", "application/json", payload);
        assertThat(delivered.status()).isEqualTo(200);
        awaitWebhook(eventId, "FAILED");
        loggedIn();

        open("/console/webhooks?status=FAILED");
        WebElement row = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-" + eventId)));
        assertThat(row.getText()).contains("FAILED").contains("IllegalStateException: no booking for pi_" + eventId);
        screenshot("06-webhooks-failed");
        row.findElement(By.cssSelector("button.retry")).click();

        WebElement notice = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
        assertThat(notice.getText()).isEqualTo("Stripe event " + eventId + " queued for processing again");
        awaitWebhook(eventId, "PROCESSED");
        assertThat(router.timesRouted(eventId)).isEqualTo(2);
        open("/console/webhooks");
        WebElement processed = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-" + eventId)));
        assertThat(processed.findElement(By.cssSelector(".status")).getText()).isEqualTo("PROCESSED");
        assertThat(processed.findElements(By.cssSelector("button.retry"))).isEmpty();
        screenshot("07-webhook-retried");
        assertNoBrowserErrors();
    }

    @Test
    @Order(5)
    void payouts_show_their_status_attempts_and_failure_reason_and_the_failure_raises_an_alert() {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        Api.Response account = provider.post("/api/v1/connect/account", Map.of("country", "US",
                "email", "provider@example.com"));
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        api().post("/api/v1/dev/simulator/accounts/" + account.json().path("accountId").asText()
                + "/complete-onboarding");
        await().atMost(WAIT).until(() -> "ENABLED".equals(
                provider.get("/api/v1/connect/account").json().path("status").asText()));
        String bookingId = paidBooking(provider, as(newId("cust"), "CUSTOMER"), 3000);
        admin().post("/api/v1/admin/bookings/" + bookingId + "/release");
        awaitWallet(provider, "available", 2700);
        String payoutId;
        try {
            connect.failNextPayouts(1);
            payoutId = provider.post("/api/v1/wallet/payouts", Map.of()).json().path("id").asText();
            await().atMost(WAIT).until(() -> provider.get("/api/v1/wallet/payouts").body().contains("\"FAILED\""));
        } finally {
            connect.failNextPayouts(0);
            connectWebhooks.awaitIdle(WAIT);
        }
        loggedIn();

        open("/console/payouts?status=FAILED");
        WebElement row = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("payout-" + payoutId)));
        assertThat(row.getText()).contains(providerId).contains("27.00 USD").contains("FAILED")
                .contains("account_closed");
        screenshot("08-payouts");
        row.findElement(By.cssSelector("button.retry")).click();
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        WebElement retried = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
        assertThat(retried.getText()).startsWith("Payout " + payoutId + " retried as po_");
        String retryId = retried.getText().substring(retried.getText().lastIndexOf(' ') + 1);
        await().atMost(WAIT).until(() -> provider.get("/api/v1/wallet/payouts").body().contains("\"PAID\""));
        open("/console/payouts");
        assertThat(waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("payout-" + retryId))).getText())
                .contains("PAID");
        assertThat(browser.findElement(By.id("payout-" + payoutId)).getText()).contains("retried as " + retryId);

        await().atMost(WAIT).until(() -> admin().get("/api/v1/admin/alerts").body().contains(payoutId));
        open("/console/alerts");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), payoutId));
        screenshot("09-alerts");
        assertNoBrowserErrors();
    }

    @Test
    @Order(6)
    void projections_show_their_lag_and_a_replay_rebuilds_one_while_the_page_refreshes_itself() {
        loggedIn();
        open("/console/projections");
        WebElement ledger = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("projection-ledger")));
        assertThat(ledger.getText()).contains("projection");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("projection-alerts"), "caught up"));
        screenshot("10-projections");

        List<WebElement> sagas = browser.findElements(
                By.xpath("//tbody[@id='projection-rows']/tr[td[2][normalize-space()='saga']]"));
        assertThat(sagas).as("sagas are listed").isNotEmpty();
        assertThat(sagas).as("but never replayed").allMatch(saga -> saga.findElements(By.cssSelector("button.replay"))
                .isEmpty());

        browser.findElement(By.cssSelector("#projection-alerts button.replay")).click();
        waitFor(ExpectedConditions.alertIsPresent()).accept();

        WebElement notice = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
        assertThat(notice.getText()).isEqualTo("Replay of alerts started");
        // no reload: htmx replaces the table every 2 s, so the rebuilt projection is seen catching up
        WebElement rows = browser.findElement(By.id("projection-rows"));
        waitFor(ExpectedConditions.stalenessOf(rows));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("projection-alerts"), "caught up"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Replay of alerts started");
        assertThat(browser.findElements(By.cssSelector("#projections thead"))).as("the rows alone were swapped in")
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#projections table"))).isEmpty();
        screenshot("11-projection-replayed");
        assertNoBrowserErrors();
    }

    @Test
    @Order(7)
    void the_ledger_check_is_shown_balanced() {
        assertLedgerBalanced();
        loggedIn();

        open("/console/ledger");

        WebElement verdict = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("ledger-verdict")));
        assertThat(verdict.getText()).startsWith("Balanced");
        assertThat(browser.findElement(By.id("ledger-currencies")).getText()).contains("USD");
        screenshot("12-ledger");
        assertNoBrowserErrors();
    }

    @Test
    @Order(8)
    void logging_out_forgets_the_token() {
        loggedIn();
        open("/console/projections");
        // after htmx has refreshed the table at least once, the page's other forms still work
        waitFor(ExpectedConditions.stalenessOf(browser.findElement(By.id("projection-rows"))));
        browser.findElement(By.cssSelector(".bar .who button")).click();

        waitFor(ExpectedConditions.urlContains("/console/login"));
        open("/console/disputes");
        waitFor(ExpectedConditions.urlContains("/console/login"));
        assertThat(browser.manage().getCookieNamed("settle_console")).isNull();
        assertNoBrowserErrors();
    }

    // ---- data ----

    /** A card booking for tomorrow, paid: its money stays in escrow until released or disputed. */
    private String paidBooking(Api provider, Api customer, long amount) {
        String scheduledAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Response booked = customer.post("/api/v1/bookings", Map.of("offeringId", offering(provider, amount),
                "scheduledAt", scheduledAt, "paymentMethodId", "pm_card_visa"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String bookingId = booked.json().path("id").asText();
        awaitBooking(customer, bookingId, "PAID");
        return bookingId;
    }

    /** platform:revenue's usd balance once the booking's commission is in it (projections are asynchronous). */
    private long ledgerBalanceAwaitingCommission(String bookingId) {
        awaitLedger("escrow:" + bookingId, 0);
        return ledger.balance("platform:revenue", "usd");
    }

    private void awaitWebhook(String eventId, String status) {
        Api admin = admin();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode item : admin.get("/api/v1/admin/webhooks?status=" + status + "&limit=500").json().path("items")) {
                if (item.path("eventId").asText().equals(eventId)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static String stripeEvent(String id) {
        return """
                {"id":"%s","object":"event","api_version":"2025-09-30.clover","created":1763700000,\
                "data":{"object":{"id":"pi_%s","object":"payment_intent","amount":3000,"currency":"usd",\
                "metadata":{"booking_id":"booking-%s"}}},"livemode":false,"pending_webhooks":1,\
                "request":{"id":null,"idempotency_key":null},"type":"payment_intent.payment_failed"}"""
                .formatted(id, id, id);
    }

    // ---- browser ----

    private void loggedIn() {
        open("/console/overview");
        if (browser.getCurrentUrl().contains("/console/login")) {
            browser.findElement(By.id("dev-login")).click();
            waitFor(ExpectedConditions.urlContains("/console/overview"));
        }
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, BROWSER_WAIT).until(condition);
    }

    private static boolean chartDrawn() {
        Object drawn = ((JavascriptExecutor) browser).executeScript(
                "var c = document.querySelector('canvas[data-chart]');"
                        + "return !!(window.Chart && c && Chart.getChart(c) && c.width > 0);");
        return Boolean.TRUE.equals(drawn);
    }

    private static void screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        taken.add(file);
    }

    /** Script errors, failed loads and Content-Security-Policy violations all reach the console as SEVERE. */
    private static void assertNoBrowserErrors() {
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
        assertThat(severe).as("errors in the browser console").isEmpty();
    }

}
