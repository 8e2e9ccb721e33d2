package dev.reranker.local;

/**
 * The settings of the local provider as its Java API names them. Error messages of this
 * module name a setting by its {@link #term()} (a builder method or a constructor or
 * method argument), never by a configuration property: an integration such as the Spring
 * Boot auto-configuration maps each term to its own property name when it reports a
 * failure.
 */
public enum LocalSetting {

	/**
	 * Where the model comes from: a repository id, {@code file:} or {@code classpath:}.
	 */
	MODEL("LocalModelLocation#resolve(location)"),

	/** The graph's path inside the model directory or repository. */
	MODEL_FILE("LocalModelLocation#resolve(modelFile)"),

	/** The DJL engine. */
	ENGINE("LocalRerankModel.Builder#engine"),

	/** Tokens per query-document pair. */
	MAX_LENGTH("LocalRerankModel.Builder#maxLength"),

	/** Pairs per forward pass. */
	BATCH_SIZE("LocalRerankModel.Builder#batchSize"),

	/** Threads one forward pass uses. */
	INTRA_OP_THREADS("LocalRerankModel.Builder#intraOpThreads"),

	/** Padded tokens per forward pass. */
	BATCH_TOKENS("LocalRerankModel.Builder#batchTokens"),

	/** Inference sessions that run forward passes in parallel. */
	SESSIONS("LocalRerankModel.Builder#sessions"),

	/** How logits become scores. */
	ACTIVATION("LocalRerankModel.Builder#activation"),

	/** Encoder or decoder, or decided from config.json. */
	ARCHITECTURE("LocalRerankModel.Builder#architecture"),

	/** A decoder reranker's prompt. */
	PROMPT_TEMPLATE("LocalRerankModel.Builder#promptTemplate(template)"),

	/** What fills a decoder prompt's {instruction}. */
	INSTRUCTION("LocalRerankModel.Builder#promptTemplate(instruction)"),

	/** A decoder reranker's token meaning relevant. */
	POSITIVE_ANSWER("LocalRerankModel.Builder#promptTemplate(positiveToken)"),

	/** A decoder reranker's token meaning not relevant. */
	NEGATIVE_ANSWER("LocalRerankModel.Builder#promptTemplate(negativeToken)"),

	/** The hub's base URL. */
	HUB_URL("HuggingFaceHub(url)"),

	/** The repository revision. */
	REVISION("HuggingFaceHub(revision)"),

	/** The hub access token. */
	HUB_TOKEN("HuggingFaceHub(token)"),

	/** Where downloads are cached. */
	CACHE_DIR("HuggingFaceHub(cacheDirectory)"),

	/** Whether the hub is never contacted. */
	OFFLINE("HuggingFaceHub(offline)");

	private final String term;

	LocalSetting(String term) {
		this.term = term;
	}

	/**
	 * How messages name this setting, e.g. {@code LocalRerankModel.Builder#maxLength}.
	 * @return the Java API term
	 */
	public String term() {
		return this.term;
	}

	@Override
	public String toString() {
		return this.term;
	}

}
