package dev.reranker.example.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.reranker.example.AppProperties;
import dev.reranker.example.corpus.DemoCorpus;
import dev.reranker.example.search.ContextChoices;
import dev.reranker.example.search.RerankComparison;
import dev.reranker.example.search.RerankDemoService;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API.
 * <ul>
 * <li>{@code GET /api/search?q=…&candidates=…&topN=…&minScore=…&ordering=…&tokenBudget=…&longDocuments=…&window=…}:
 * first stage over the store, then reranking; both orders with scores and timings, and
 * the context the LLM would get.</li>
 * <li>{@code POST /api/rerank}: the same for passages in the body.</li>
 * <li>{@code POST /api/ask}: an answer through ChatClient and the RAG advisor, or 503
 * with how to configure a chat model and the context it would have sent.</li>
 * <li>{@code GET /api/info}: settings and the demo examples, for the page.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api")
class ApiController {

	private final RerankDemoService service;

	private final AskService askService;

	private final RequestValidator validator;

	private final DemoCorpus demoCorpus;

	private final AppProperties properties;

	ApiController(RerankDemoService service, AskService askService, RequestValidator validator, DemoCorpus demoCorpus,
			AppProperties properties) {
		this.service = service;
		this.askService = askService;
		this.validator = validator;
		this.demoCorpus = demoCorpus;
		this.properties = properties;
	}

	@GetMapping("/search")
	RerankComparison search(@RequestParam(name = "q", required = false) @Nullable String query,
			@RequestParam(required = false) @Nullable Integer candidates,
			@RequestParam(required = false) @Nullable Integer topN,
			@RequestParam(required = false) @Nullable Double minScore,
			@RequestParam(required = false) @Nullable String ordering,
			@RequestParam(required = false) @Nullable Integer tokenBudget,
			@RequestParam(required = false) @Nullable String longDocuments,
			@RequestParam(required = false) @Nullable Integer window) {
		String q = this.validator.query(query, "q");
		int count = this.validator.candidates((candidates != null) ? candidates
				: Math.min(this.properties.search().candidates(), this.service.maxCandidates()));
		ContextChoices choices = this.validator.contextChoices(ordering, tokenBudget, longDocuments, window);
		return withWindowChecked(() -> this.service.search(q, count, this.validator.topN(topN),
				this.validator.minScore(minScore), choices));
	}

	@PostMapping("/rerank")
	RerankComparison rerank(@RequestBody RerankRequestBody body) {
		String query = this.validator.query(body.query(), "query");
		List<String> passages = this.validator.passages(body.passages());
		ContextChoices choices = this.validator.contextChoices(body.ordering(), body.tokenBudget(),
				body.longDocuments(), body.window());
		return withWindowChecked(() -> this.service.rerank(query, passages, this.validator.topN(body.topN()),
				this.validator.minScore(body.minScore()), choices));
	}

	/** A window the model cannot read is the request's fault: 400 naming 'window'. */
	private static RerankComparison withWindowChecked(Supplier<RerankComparison> call) {
		try {
			return call.get();
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("window (")) {
				throw new BadRequestException("'window' "
						+ ex.getMessage().substring("window ".length()).replace(" (LongDocuments.Builder#window)", "")
						+ "; send a smaller 'window' or leave it out");
			}
			throw ex;
		}
	}

	@PostMapping("/ask")
	AskService.Answer ask(@RequestBody AskRequestBody body) {
		return this.askService.ask(this.validator.query(body.question(), "question"));
	}

	@GetMapping("/info")
	Map<String, Object> info() {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("provider", this.service.provider());
		info.put("model", this.service.model());
		info.put("firstStage", this.service.firstStageDescription());
		info.put("topN", this.service.defaultTopN());
		info.put("minScore", this.service.defaultMinScore());
		info.put("maxCandidates", this.service.maxCandidates());
		info.put("candidates", Math.min(this.properties.search().candidates(), this.service.maxCandidates()));
		info.put("context", this.service.configuredContext());
		info.put("chatModel", this.askService.available());
		info.put("examples", this.demoCorpus.examples());
		return info;
	}

	@ExceptionHandler(NoChatModelException.class)
	ResponseEntity<Map<String, @Nullable Object>> noChatModel(NoChatModelException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(AskService.unavailableBody(ex));
	}

}
