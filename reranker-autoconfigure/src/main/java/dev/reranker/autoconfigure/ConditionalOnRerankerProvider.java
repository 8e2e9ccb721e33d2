package dev.reranker.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when reranking is enabled ({@code reranker.enabled} is not {@code false}) and
 * {@code reranker.provider} names the given provider, compared ignoring case. When
 * {@code reranker.provider} is unset, {@link RerankerProperties#DEFAULT_PROVIDER} is
 * selected. The condition evaluation report says which of the two decided.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnRerankerProviderCondition.class)
public @interface ConditionalOnRerankerProvider {

	/**
	 * The provider, e.g. {@code cohere}.
	 * @return the provider name
	 */
	String value();

}
