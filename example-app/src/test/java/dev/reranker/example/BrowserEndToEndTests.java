package dev.reranker.example;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.reranker.example.corpus.DemoCorpus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real headless Chromium (Debian's chromium + chromium-driver, driven by
 * Selenium): load it, run a demo query, check that the answer passage rises and the
 * off-topic passage sinks, and save a screenshot to {@code target/screenshots/demo.png}.
 * Skipped with a message when no browser is installed, except on CI ({@code CI=true}),
 * where {@code scripts/setup-test-env.sh} installs one.
 */
@ExampleAppTest
class BrowserEndToEndTests {

	private static final String EXAMPLE = "car-without-petrol";

	@LocalServerPort
	int port;

	@Autowired
	DemoCorpus corpus;

	@TempDir
	Path profile;

	WebDriver driver;

	@BeforeEach
	void startBrowser() {
		Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
		Optional<Path> chromedriver = executable("chromedriver");
		if (chromium.isEmpty() || chromedriver.isEmpty()) {
			String message = "No headless browser: install one with `apt-get install chromium chromium-driver`"
					+ " (scripts/setup-test-env.sh does) to run the browser end-to-end test";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + "; CI=true requires it");
			}
			Assumptions.abort(message);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.get().toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(chromedriver.get().toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void rerankingADemoExampleRaisesTheAnswerAndSinksTheOffTopicPassage() throws IOException {
		DemoCorpus.Example example = this.corpus.example(EXAMPLE);
		List<DemoCorpus.Passage> passages = example.passages();
		String answerId = Integer.toString(passages.indexOf(example.answer()) + 1);
		String offTopicId = Integer.toString(passages.indexOf(example.offTopic()) + 1);

		this.driver.get("http://127.0.0.1:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready"));
		new Select(this.driver.findElement(By.id("example"))).selectByVisibleText(example.title());
		assertThat(this.driver.findElement(By.id("query")).getDomProperty("value")).isEqualTo(example.query());
		this.driver.findElement(By.id("rerank-button")).click();
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "done"));

		assertThat(rank("reranked", answerId)).as("answer passage rises").isLessThan(rank("first-stage", answerId));
		assertThat(rank("reranked", offTopicId)).as("off-topic passage sinks")
			.isGreaterThan(rank("first-stage", offTopicId));
		WebElement answer = passage("reranked", answerId);
		assertThat(answer.findElement(By.className("move")).getText()).startsWith("↑");
		assertThat(passage("reranked", offTopicId).getDomAttribute("class")).contains("cut");
		assertThat(this.driver.findElements(By.cssSelector("#reranked li.passage"))).hasSize(passages.size());
		assertThat(this.driver.findElement(By.id("timings")).getText()).contains("rerank", "ms");

		saveScreenshot();
	}

	@Test
	void searchingTheIndexedCorpusShowsBothColumns() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready"));
		this.driver.findElement(By.id("search-button")).click();
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "done"));

		int candidates = Integer.parseInt(this.driver.findElement(By.id("candidates")).getDomProperty("value"));
		assertThat(this.driver.findElements(By.cssSelector("#first-stage li.passage"))).hasSize(candidates);
		assertThat(this.driver.findElements(By.cssSelector("#reranked li.passage"))).hasSize(candidates);
	}

	private int rank(String column, String id) {
		return Integer.parseInt(passage(column, id).getDomAttribute("data-rank"));
	}

	private WebElement passage(String column, String id) {
		return this.driver.findElement(By.cssSelector("#" + column + " li[data-id='" + id + "']"));
	}

	private void saveScreenshot() throws IOException {
		File screenshot = ((org.openqa.selenium.TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots", "demo.png");
		Files.createDirectories(target.getParent());
		Files.copy(screenshot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	private static Optional<Path> executable(String... names) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(names)
			.flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
