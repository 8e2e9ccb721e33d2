package dev.reranker.local;

import ai.djl.engine.Engine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles who owns ONNX Runtime's one-per-JVM environment.
 * <p>
 * DJL's ONNX Runtime engine creates the environment with a thread-pool configuration,
 * which ONNX Runtime refuses once any other library (Spring AI's
 * TransformersEmbeddingModel, LangChain4j's in-process models) has created it. Those
 * libraries accept an environment DJL created. So {@link #claim()} starts DJL's engine as
 * early as possible (the auto-configuration calls it before any bean is created), and if
 * another library got there first anyway, the local provider runs its graph on the
 * existing environment through the ONNX Runtime Java API instead of failing.
 */
public final class OnnxRuntimeEnvironment {

	private static final Logger logger = LoggerFactory.getLogger(OnnxRuntimeEnvironment.class);

	private static volatile @Nullable Boolean djlEngineUsable;

	private OnnxRuntimeEnvironment() {
	}

	/**
	 * Starts DJL's ONNX Runtime engine unless the environment already exists.
	 * @return whether DJL's engine is usable in this JVM
	 */
	public static boolean claim() {
		Boolean usable = djlEngineUsable;
		if (usable != null) {
			return usable;
		}
		synchronized (OnnxRuntimeEnvironment.class) {
			if (djlEngineUsable == null) {
				DjlSettings.applyOfflineDefault();
				djlEngineUsable = tryStart();
			}
			return djlEngineUsable;
		}
	}

	private static boolean tryStart() {
		try {
			Engine.getEngine(LocalEngine.ONNX_RUNTIME.djlName());
			return true;
		}
		catch (ExceptionInInitializerError | NoClassDefFoundError ex) {
			if (mentionsExistingEnvironment(ex)) {
				logger.info("Another library created the ONNX Runtime environment before DJL; the local reranker "
						+ "runs its graph on that environment through the ONNX Runtime Java API");
				return false;
			}
			throw ex;
		}
	}

	private static boolean mentionsExistingEnvironment(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			String message = String.valueOf(t.getMessage());
			if (message.contains("OrtEnvironment") || message.contains("InstanceHolder")) {
				return true;
			}
		}
		return false;
	}

}
