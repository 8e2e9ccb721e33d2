package dev.reranker.example.api;

import java.util.Objects;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns bad requests into 400 problem details whose {@code detail} says what to change.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

	@ExceptionHandler(BadRequestException.class)
	ProblemDetail badRequest(BadRequestException ex) {
		return problem(Objects.requireNonNullElse(ex.getMessage(), "Bad request"));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ProblemDetail missingParameter(MissingServletRequestParameterException ex) {
		return problem("Query parameter '" + ex.getParameterName() + "' is required, e.g. /api/search?"
				+ ex.getParameterName() + "=...");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "a different type";
		return problem(
				"Parameter '" + ex.getName() + "' must be " + article(type) + " but was '" + ex.getValue() + "'");
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		return problem("The request body is not valid JSON of the expected shape"
				+ " (e.g. {\"query\": \"...\", \"passages\": [\"...\", \"...\"]}): " + rootMessage(ex));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ProblemDetail mediaType(HttpMediaTypeNotSupportedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Send the body as JSON with 'Content-Type: application/json'");
		return problem;
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Bad request");
		return problem;
	}

	private static String article(String type) {
		return switch (type) {
			case "Integer", "int" -> "an integer";
			case "Double", "double" -> "a number";
			default -> type;
		};
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		// Parser messages can quote the whole (large) input; keep the first line only,
		// bounded.
		message = message.lines().findFirst().orElse(message);
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

}
