package dev.gazette.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A writer with a post open in headless Chromium while they edit it: the page shows each save by itself. */
class PreviewBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path folder;

    private PreviewProcess preview;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (preview != null) {
            preview.close();
        }
    }

    @Test
    void theOpenPageShowsAnEditWithoutAManualReload() throws Exception {
        requireChromium();
        Blog blog = new Blog(folder).post("2024-05-01-first.md", "---\ntitle: First\n---\nAs first written.\n");
        preview = new PreviewProcess(blog);
        String here = preview.here;
        browser = chromium();
        browser.get(here);
        browser.findElement(By.linkText("First")).click();
        String post = browser.getCurrentUrl();
        browser.executeScript("window.loadedOnce = true");

        blog.post("2024-05-01-first.md", "---\ntitle: First, retitled\n---\nAs edited.\n");

        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "First, retitled"));
        assertEquals(post, browser.getCurrentUrl());
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("As edited."));
        assertEquals(null, browser.executeScript("return window.loadedOnce"), "the page was loaded again");
    }

    private static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("required".equals(System.getenv("GAZETTE_BROWSER_TESTS"))) {
            assertTrue(present, "Chromium and ChromeDriver are required here: apt-get install chromium chromium-driver");
        }
        assumeTrue(present, "no Chromium: apt-get install chromium chromium-driver");
    }

    private ChromeDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(folder, "chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
                options);
    }
}
