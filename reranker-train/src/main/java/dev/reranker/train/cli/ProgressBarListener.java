package dev.reranker.train.cli;

import java.nio.file.Path;
import java.time.Duration;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.train.training.TrainingListener;
import dev.reranker.train.training.TrainingProgress;

/**
 * Shows a run as a progress bar with the loss (mean of the last updates), pairs/s and the
 * time left: redrawn in place on a terminal, one log line every few seconds otherwise.
 */
final class ProgressBarListener implements TrainingListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ProgressBarListener.class);

	/** Weight of the newest loss in the shown running mean. */
	private static final double SMOOTHING = 0.1;

	private @Nullable ProgressBar bar;

	private double smoothedLoss = Double.NaN;

	@Override
	public void onStep(TrainingProgress progress) {
		ProgressBar bar = this.bar;
		if (bar == null) {
			bar = start(progress.totalSteps(), progress.step() - 1);
			this.bar = bar;
		}
		this.smoothedLoss = Double.isNaN(this.smoothedLoss) ? progress.loss()
				: SMOOTHING * progress.loss() + (1 - SMOOTHING) * this.smoothedLoss;
		bar.stepTo(progress.step());
		bar.setExtraMessage(String.format("loss %.4f, %.1f pairs/s, ETA %s", this.smoothedLoss,
				progress.pairsPerSecond(), format(progress.eta())));
	}

	@Override
	public void onEvaluation(int step, double heldOutLoss, boolean improved) {
		logger.info("Update {}: held-out loss {}{}", step, String.format("%.4f", heldOutLoss),
				improved ? " (best so far)" : "");
	}

	@Override
	public void onCheckpoint(int step, Path directory) {
		logger.info("Update {}: checkpoint {}", step, directory);
	}

	private static ProgressBar start(int total, int done) {
		ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Training")
			.setInitialMax(total)
			.startsFrom(done, Duration.ZERO)
			.setStyle(ProgressBarStyle.ASCII);
		if (System.console() == null) {
			builder.setConsumer(new DelegatingProgressBarConsumer(logger::info, 120))
				.setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis())
				.continuousUpdate();
		}
		return builder.build();
	}

	private static String format(Duration duration) {
		long seconds = duration.toSeconds();
		return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
	}

	@Override
	public void close() {
		if (this.bar != null) {
			this.bar.close();
		}
	}

}
