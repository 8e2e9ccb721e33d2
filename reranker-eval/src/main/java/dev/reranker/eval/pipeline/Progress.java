package dev.reranker.eval.pipeline;

import java.time.Duration;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress bar for a long step: redrawn in place on a terminal, one log line every few
 * seconds otherwise (CI logs, IDE consoles).
 */
public final class Progress implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private final ProgressBar bar;

	private Progress(ProgressBar bar) {
		this.bar = bar;
	}

	/**
	 * Starts a progress bar.
	 * @param task what is being done
	 * @param total the number of steps
	 * @return the bar; close it when done
	 */
	public static Progress start(String task, long total) {
		ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task)
			.setInitialMax(total)
			.showSpeed()
			.setStyle(ProgressBarStyle.ASCII);
		if (System.console() == null) {
			builder.setConsumer(new DelegatingProgressBarConsumer(logger::info, 100))
				.setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis())
				.continuousUpdate();
		}
		return new Progress(builder.build());
	}

	/**
	 * Records finished steps.
	 * @param steps how many steps finished
	 */
	public void step(int steps) {
		this.bar.stepBy(steps);
	}

	@Override
	public void close() {
		this.bar.close();
	}

}
