package dev.reranker.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;

/**
 * {@link SpringBootCondition} behind {@link ConditionalOnRerankerProvider}: the same
 * decision as {@code @ConditionalOnBooleanProperty("reranker.enabled", matchIfMissing =
 * true)} plus {@code @ConditionalOnProperty("reranker.provider")}, with the default
 * provider applied when the property is unset, reported as one outcome.
 */
class OnRerankerProviderCondition extends SpringBootCondition {

	static final String ENABLED = RerankerProperties.PREFIX + ".enabled";

	static final String PROVIDER = RerankerProperties.PREFIX + ".provider";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnRerankerProvider.class.getName());
		Assert.state(attributes != null, "No @ConditionalOnRerankerProvider found");
		String required = (String) attributes.get("value");
		Assert.state(required != null, "@ConditionalOnRerankerProvider needs a provider name");
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnRerankerProvider.class,
				"(" + required + ")");
		PropertyResolver environment = context.getEnvironment();
		String enabled = environment.getProperty(ENABLED);
		if (enabled != null && !"true".equalsIgnoreCase(enabled)) {
			return ConditionOutcome.noMatch(message.because("did not match: " + ENABLED + " is '" + enabled + "'"));
		}
		String selected = environment.getProperty(PROVIDER);
		if (selected == null) {
			boolean isDefault = RerankerProperties.DEFAULT_PROVIDER.equalsIgnoreCase(required);
			String reason = PROVIDER + " is not set, which selects the default provider '"
					+ RerankerProperties.DEFAULT_PROVIDER + "'";
			return isDefault ? ConditionOutcome.match(message.because("matched: " + reason))
					: ConditionOutcome.noMatch(message.because("did not match: " + reason));
		}
		String reason = PROVIDER + " is '" + selected + "'";
		return required.equalsIgnoreCase(selected) ? ConditionOutcome.match(message.because("matched: " + reason))
				: ConditionOutcome.noMatch(message.because("did not match: " + reason));
	}

}
