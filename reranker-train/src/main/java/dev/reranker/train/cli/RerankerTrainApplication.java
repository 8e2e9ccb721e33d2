package dev.reranker.train.cli;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Command-line entry point of the trainer. Its context has no auto-configuration: it
 * binds {@code train.*} and runs {@link TrainCommand}.
 */
@SpringBootConfiguration
@EnableConfigurationProperties(TrainProperties.class)
@Import(TrainCommand.class)
public class RerankerTrainApplication {

	static {
		// DJL must never try to download engines or tokenizers: everything ships in jars.
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
	}

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(application().run(args)));
	}

	static SpringApplication application() {
		SpringApplication application = new SpringApplication(RerankerTrainApplication.class);
		application.setBannerMode(Banner.Mode.OFF);
		return application;
	}

}
