package dev.reranker.testfixtures.datasets;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.TestAbortedException;

/**
 * Finds the IR test collections that live beside the checkout, in
 * {@code ../shared/datasets/<name>} (BEIR layout), never inside the repository.
 * <p>
 * A missing collection skips the calling test locally, with the reason printed so that it
 * shows in the build output, and fails it when {@code CI=true}: on CI a regression check
 * must not vanish because a path moved.
 */
public final class SharedDatasets {

	/** Overrides where the Cranfield collection is read from. */
	public static final String CRANFIELD_DIR_ENV = "RERANKER_CRANFIELD_DIR";

	private SharedDatasets() {
	}

	/**
	 * The Cranfield 1400 collection: {@code RERANKER_CRANFIELD_DIR}, or
	 * {@code ../shared/datasets/cranfield} from the repository root.
	 * @return its folder, relative to the working directory when it lies below it
	 */
	public static Path cranfield() {
		return locate("cranfield", CRANFIELD_DIR_ENV);
	}

	private static Path locate(String name, String overrideEnv) {
		String configured = System.getenv(overrideEnv);
		Path dataset;
		if (configured != null && !configured.isBlank()) {
			dataset = Path.of(configured).toAbsolutePath().normalize();
		}
		else {
			Path root = repositoryRoot();
			dataset = ((root != null) ? root : Path.of("").toAbsolutePath()).resolve("../shared/datasets/" + name)
				.normalize();
		}
		if (!Files.isRegularFile(dataset.resolve("corpus.jsonl"))) {
			String message = "The " + name + " collection is not at " + dataset + " (no corpus.jsonl there): put it at "
					+ "../shared/datasets/" + name + " beside the checkout or set " + overrideEnv + " to its folder.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + " CI=true: this regression check must run.");
			}
			System.err.println("SKIPPED: " + message);
			throw new TestAbortedException(message);
		}
		return dataset;
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		return dir;
	}

}
