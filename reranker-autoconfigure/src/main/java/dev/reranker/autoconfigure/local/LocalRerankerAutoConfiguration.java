package dev.reranker.autoconfigure.local;

import java.nio.file.Path;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.Model;
import io.micrometer.observation.ObservationRegistry;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.local.HuggingFaceHub;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalModelLocation;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.local.OnnxRuntimeEnvironment;
import dev.reranker.observation.RerankModelObservationConvention;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures the local cross-encoder, the default provider
 * ({@code reranker.provider=local} or unset). Backs off when the application defines its
 * own {@link RerankModel}, or when DJL is not on the class path.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class)
@ConditionalOnClass({ LocalRerankModel.class, Model.class, HuggingFaceTokenizer.class })
@ConditionalOnRerankerProvider(LocalRerankModel.PROVIDER)
@EnableConfigurationProperties(LocalRerankerProperties.class)
public class LocalRerankerAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(RerankModel.class)
	LocalRerankModel localRerankModel(LocalRerankerProperties properties, Environment environment,
			ResourceLoader resourceLoader, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankModelObservationConvention> observationConvention) {
		Path cacheDir = (properties.getCacheDir() != null) ? properties.getCacheDir() : defaultCacheDir(environment);
		String token = (properties.getHubToken() != null) ? properties.getHubToken()
				: environment.getProperty("HF_TOKEN");
		HuggingFaceHub hub = new HuggingFaceHub(properties.getHubUrl(), properties.getRevision(), token, cacheDir,
				properties.isOffline(), properties.getDownloadTimeout());
		String model = properties.getModel();
		LocalModelFiles files = LocalModelLocation.resolve((model != null) ? model : "", properties.getModelFile(),
				properties.getEngine(), hub, resourceLoader.getClassLoader(), cacheDir);
		return LocalRerankModel.builder()
			.files(files)
			.modelName(model)
			.engine(properties.getEngine())
			.maxLength(properties.getMaxLength())
			.batchSize(properties.getBatchSize())
			.intraOpThreads(properties.getIntraOpThreads())
			.batchTokens(properties.getBatchTokens())
			.sessions(properties.getSessions())
			.onnxSessionSettings(properties.getOnnx().toSettings())
			.activation(properties.getActivation())
			.architecture(properties.getArchitecture())
			.promptTemplate(properties.promptTemplate())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.build();
	}

	static Path defaultCacheDir(Environment environment) {
		String xdg = environment.getProperty("XDG_CACHE_HOME");
		Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg)
				: Path.of(environment.getProperty("user.home", "."), ".cache");
		return base.resolve("reranker").resolve("models");
	}

	/**
	 * Starts DJL's ONNX Runtime engine before any bean is created, so that it, not a
	 * library that would leave DJL unable to start (Spring AI's
	 * TransformersEmbeddingModel, LangChain4j), creates the JVM's one ONNX Runtime
	 * environment.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ai.djl.onnxruntime.engine.OrtEngine")
	static class OnnxRuntimeEnvironmentConfiguration {

		@Bean
		static BeanFactoryPostProcessor rerankerOnnxRuntimeEnvironment() {
			return (beanFactory) -> OnnxRuntimeEnvironment.claim();
		}

	}

}
