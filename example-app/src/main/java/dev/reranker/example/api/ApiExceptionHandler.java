package dev.reranker.example.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the app's web layer into RFC 9457 problem details whose
 * {@code detail} names the field, the limit and what to send, and never the app's
 * internals: no class names, method signatures or parser messages. Client errors are not
 * logged above DEBUG; server errors are logged once, with their cause.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** Each endpoint with a body, and an example of that body. */
	private static final Map<String, RequestBodyShape> BODIES = Map.of("/api/rerank",
			new RequestBodyShape(
					"{\"query\": \"...\", \"passages\": [\"...\", \"...\"], \"topN\": 5, \"minScore\": 0.1}",
					Map.of("query", "a string", "passages", "an array of strings", "topN", "an integer", "minScore",
							"a number")),
			"/api/ask", new RequestBodyShape("{\"question\": \"...\"}", Map.of("question", "a string")));

	@ExceptionHandler(BadRequestException.class)
	ProblemDetail badRequest(BadRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, Objects.requireNonNullElse(ex.getMessage(), "Bad request"));
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail serverError(Exception ex, HttpServletRequest request) {
		log.error("{} {} failed", request.getMethod(), request.getRequestURI(), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed to answer this request; its log has the cause. Try again, or report it.");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return respond(ex, problem(status, "Query parameter '" + ex.getParameterName()
				+ "' is required, e.g. /api/search?" + ex.getParameterName() + "=..."), headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Class<?> type = ex.getRequiredType();
		String expected = (type == null) ? "of a different type" : describe(type);
		String name = Objects.requireNonNullElse(ex.getPropertyName(), "parameter");
		return respond(ex,
				problem(status,
						"Parameter '" + name + "' must be " + expected + " but was '" + shorten(ex.getValue()) + "'"),
				headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(ex, problem(status, unreadableDetail(ex, request)), headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(ex, problem(status, "Send the body as JSON with 'Content-Type: application/json'"), headers,
				request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
			HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The base class logs this at WARN; a client's wrong method is not the server's
		// problem.
		String allowed = (ex.getSupportedHttpMethods() != null)
				? String.join(", ", ex.getSupportedHttpMethods().stream().map(Object::toString).toList())
				: "another method";
		return respond(ex, problem(status, path(request) + " does not answer " + ex.getMethod() + "; use " + allowed),
				headers, request);
	}

	private @Nullable ResponseEntity<Object> respond(Exception ex, ProblemDetail problem, HttpHeaders headers,
			WebRequest request) {
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	/** What was wrong with the body, for the endpoint that was called. */
	private static String unreadableDetail(HttpMessageNotReadableException ex, WebRequest request) {
		String path = path(request);
		RequestBodyShape shape = BODIES.get(path);
		String endpoint = "POST " + path;
		String send = (shape != null) ? " Send " + shape.example() : "";
		JacksonException cause = jacksonCause(ex);
		if (cause == null) {
			return "The request to " + endpoint + " has no body." + send;
		}
		List<JacksonException.Reference> fieldPath = cause.getPath();
		if (!(cause instanceof StreamReadException) && !fieldPath.isEmpty()) {
			String field = fieldName(fieldPath);
			String top = fieldPath.get(0).getPropertyName();
			String expected = (shape != null && top != null) ? shape.types().get(top) : null;
			return "'" + field + "' in the body of " + endpoint + " has the wrong type"
					+ ((expected != null) ? ": it must be " + expected : "") + "." + send;
		}
		return "The body of " + endpoint + " is not valid JSON" + where(cause.getLocation()) + "." + send;
	}

	private static @Nullable JacksonException jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	private static String fieldName(List<JacksonException.Reference> path) {
		StringBuilder name = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			String property = reference.getPropertyName();
			if (property != null) {
				name.append(name.isEmpty() ? "" : ".").append(property);
			}
			else if (reference.getIndex() >= 0) {
				name.append('[').append(reference.getIndex()).append(']');
			}
		}
		return name.toString();
	}

	private static String where(@Nullable TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static String path(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return (servlet != null) ? servlet.getRequestURI() : "this endpoint";
	}

	private static String describe(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "of a different type";
	}

	/** A rejected value, short enough to echo. */
	private static String shorten(@Nullable Object value) {
		String text = String.valueOf(value);
		return (text.length() > 40) ? text.substring(0, 40) + "… (" + text.length() + " characters)" : text;
	}

	private static ProblemDetail problem(HttpStatusCode status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	/**
	 * What an endpoint's body looks like.
	 *
	 * @param example a valid body
	 * @param types each top-level field and what it must be
	 */
	private record RequestBodyShape(String example, Map<String, String> types) {
	}

}
