package dev.reranker.train.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.train.checkpoint.Tensor;

import org.springframework.util.FileSystemUtils;

/**
 * A run's checkpoints: one folder per checkpoint, {@code step-00000500}, holding
 * {@code weights.ndlist} (the parameters), {@code optimizer.ndlist} (AdamW's moments),
 * with a held-out slice {@code best.ndlist} (the best weights so far), and, written last,
 * {@code state.json} (where the run is). A resume takes the newest folder that has a
 * {@code state.json}, so an interrupted write leaves the previous checkpoint usable;
 * older folders are deleted once a newer one is complete.
 */
final class TrainingCheckpoints {

	static final String STATE = "state.json";

	static final String WEIGHTS = "weights.ndlist";

	static final String OPTIMIZER = "optimizer.ndlist";

	static final String BEST = "best.ndlist";

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private TrainingCheckpoints() {
	}

	/**
	 * Where a run stands.
	 *
	 * @param step updates done
	 * @param epoch the epoch of the next update
	 * @param batchInEpoch the batch of that epoch the next update takes
	 * @param bestLoss the best held-out loss so far, or NaN
	 * @param evaluationsWithoutImprovement held-out evaluations since the best
	 * @param run what identifies the run (loss, seed, examples, steps): a resume with
	 * other settings is refused
	 */
	record State(int step, int epoch, int batchInEpoch, double bestLoss, int evaluationsWithoutImprovement,
			String run) {
	}

	/** The newest complete checkpoint folder of a run, or null. */
	static @Nullable Path latest(Path directory) {
		if (!Files.isDirectory(directory)) {
			return null;
		}
		try (Stream<Path> folders = Files.list(directory)) {
			return folders.filter((folder) -> folder.getFileName().toString().matches("step-\\d{8}"))
				.filter((folder) -> Files.isRegularFile(folder.resolve(STATE)))
				.max(Comparator.comparing((Path folder) -> folder.getFileName().toString()))
				.orElse(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list the checkpoints in " + directory, ex);
		}
	}

	static State read(Path checkpoint) {
		return MAPPER.readValue(checkpoint.resolve(STATE).toFile(), State.class);
	}

	/**
	 * Writes a checkpoint and deletes the older ones.
	 * @return the checkpoint's folder
	 */
	static Path write(Path runDirectory, State state, Map<String, NDArray> weights, NDList optimizer,
			@Nullable Map<String, Tensor> best) {
		Path directory = runDirectory.resolve(String.format("step-%08d", state.step()));
		try {
			Files.createDirectories(directory);
			writeList(directory.resolve(WEIGHTS), named(weights));
			writeList(directory.resolve(OPTIMIZER), optimizer);
			if (best != null) {
				try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
					writeList(directory.resolve(BEST), named(arrays(manager, best)));
				}
			}
			Path partial = directory.resolve(STATE + ".part");
			MAPPER.writeValue(partial.toFile(), state);
			Files.move(partial, directory.resolve(STATE), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			try (Stream<Path> folders = Files.list(runDirectory)) {
				for (Path older : folders.filter((folder) -> folder.getFileName().toString().matches("step-\\d{8}"))
					.filter((folder) -> folder.getFileName()
						.toString()
						.compareTo(directory.getFileName().toString()) < 0)
					.toList()) {
					FileSystemUtils.deleteRecursively(older);
				}
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the checkpoint in " + directory, ex);
		}
	}

	/** Reads a saved list of named arrays as tensors by name, or null when absent. */
	static @Nullable Map<String, Tensor> readTensors(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			Map<String, Tensor> tensors = new LinkedHashMap<>();
			for (NDArray array : readList(manager, file)) {
				tensors.put(String.valueOf(array.getName()),
						new Tensor(array.getShape().getShape(), array.toFloatArray()));
			}
			return tensors;
		}
	}

	static NDList readList(NDManager manager, Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return NDList.decode(manager, in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

	static Map<String, NDArray> arrays(NDManager manager, Map<String, Tensor> tensors) {
		Map<String, NDArray> arrays = new LinkedHashMap<>();
		tensors.forEach((name, tensor) -> arrays.put(name, manager.create(tensor.values(), new Shape(tensor.shape()))));
		return arrays;
	}

	private static NDList named(Map<String, NDArray> arrays) {
		NDList list = new NDList();
		arrays.forEach((name, array) -> {
			array.setName(name);
			list.add(array);
		});
		return list;
	}

	private static void writeList(Path file, NDList list) throws IOException {
		Path partial = file.resolveSibling(file.getFileName() + ".part");
		try (OutputStream out = Files.newOutputStream(partial)) {
			list.encode(out);
		}
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
