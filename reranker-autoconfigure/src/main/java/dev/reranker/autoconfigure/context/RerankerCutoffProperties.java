package dev.reranker.autoconfigure.context;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the adaptive cutoff, under {@code reranker.cutoff.*} (the mode itself is
 * {@code reranker.cutoff}; in YAML write {@code cutoff.ratio: 0.6} next to
 * {@code cutoff: relative}).
 */
@ConfigurationProperties(prefix = "reranker.cutoff")
public class RerankerCutoffProperties implements Validator {

	/**
	 * With reranker.cutoff=relative: the share of the best score, in (0, 1], a document
	 * needs to be kept.
	 */
	private double ratio = 0.5;

	public double getRatio() {
		return this.ratio;
	}

	public void setRatio(double ratio) {
		this.ratio = ratio;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerCutoffProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		double value = ((RerankerCutoffProperties) target).getRatio();
		if (!(value > 0 && value <= 1)) {
			errors.rejectValue("ratio", "reranker.cutoff.ratio.range",
					"reranker.cutoff.ratio must be greater than 0 and at most 1");
		}
	}

}
