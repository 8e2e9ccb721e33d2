package dev.reranker.example.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Answers the errors Tomcat raises before a request reaches Spring (a request line or
 * headers larger than {@code server.max-http-request-header-size}, characters a URL may
 * not hold) with RFC 9457 problem details as JSON, in place of Tomcat's HTML page.
 */
class ProblemDetailErrorReportValve extends ErrorReportValve {

	private final JsonMapper json = JsonMapper.builder().build();

	private final String badRequestDetail;

	/**
	 * Creates the valve.
	 * @param badRequestDetail what a 400 from the server itself says: what the limits are
	 * and what to send instead
	 */
	ProblemDetailErrorReportValve(String badRequestDetail) {
		this.badRequestDetail = badRequestDetail;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !ioAllowed(response)) {
			return;
		}
		HttpStatus resolved = HttpStatus.resolve(status);
		String title = (resolved != null) ? resolved.getReasonPhrase() : "Error";
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", (status == 400) ? this.badRequestDetail
				: "The server could not handle the request (HTTP " + status + " " + title + ").");
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(this.json.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing to tell.
		}
	}

	private static boolean ioAllowed(Response response) {
		AtomicBoolean allowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
		return allowed.get();
	}

}
