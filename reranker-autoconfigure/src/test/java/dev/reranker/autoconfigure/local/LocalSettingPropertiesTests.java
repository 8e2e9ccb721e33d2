package dev.reranker.autoconfigure.local;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.reranker.local.LocalSetting;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation from the local provider's Java API terms to {@code reranker.local.*}
 * properties.
 */
class LocalSettingPropertiesTests {

	@Test
	void everySettingMapsToAPropertyOfLocalRerankerProperties() {
		BeanWrapperImpl properties = new BeanWrapperImpl(new LocalRerankerProperties());
		for (LocalSetting setting : LocalSetting.values()) {
			String property = LocalSettingProperties.property(setting);
			assertThat(property).as(setting.name()).startsWith(LocalRerankerProperties.PREFIX + ".");
			String field = camelCase(property.substring(LocalRerankerProperties.PREFIX.length() + 1));
			assertThat(properties.isWritableProperty(field)).as("%s -> %s", setting, property).isTrue();
			assertThat(ConfigurationPropertyName.isValid(property)).as(property).isTrue();
		}
	}

	@Test
	void translatesEveryTermInAMessage() {
		String message = LocalSetting.MAX_LENGTH + "=1024 exceeds 512; set " + LocalSetting.MAX_LENGTH + " or "
				+ LocalSetting.MODEL + "=file:<dir>";

		assertThat(LocalSettingProperties.translate(message))
			.isEqualTo("reranker.local.max-length=1024 exceeds 512; set reranker.local.max-length or "
					+ "reranker.local.model=file:<dir>");
	}

	@Test
	void noTermContainsAnother() {
		// translation replaces terms one after another: none may be part of another
		for (LocalSetting one : LocalSetting.values()) {
			assertThat(Arrays.stream(LocalSetting.values()).filter((other) -> other != one))
				.noneMatch((other) -> other.term().contains(one.term()));
		}
	}

	@Test
	void leavesAMessageWithoutTermsAlone() {
		assertThat(LocalSettingProperties.translate("Tokenizer file is missing"))
			.isEqualTo("Tokenizer file is missing");
	}

	private static String camelCase(String dashed) {
		StringBuilder result = new StringBuilder();
		boolean upper = false;
		for (char c : dashed.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				result.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return result.toString();
	}

}
