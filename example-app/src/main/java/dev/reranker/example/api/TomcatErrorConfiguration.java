package dev.reranker.example.api;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import dev.reranker.example.AppProperties;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemDetailErrorReportValve} in place of Tomcat's HTML error page, so
 * that requests Tomcat rejects itself are answered with problem details too.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailErrorReportValve(ServerProperties server,
			AppProperties properties) {
		String detail = "The server could not read the request: its request line or headers are malformed or too"
				+ " large (at most " + server.getMaxHttpRequestHeaderSize().toKilobytes()
				+ " KB together, server.max-http-request-header-size). Keep 'q' within "
				+ properties.limits().maxQueryLength() + " characters (app.limits.max-query-length), encode it as"
				+ " a URL parameter, or send long text in the body of POST /api/rerank.";
		return (factory) -> factory.addContextCustomizers((context) -> {
			// Tomcat reports with the host's ErrorReportValve; Boot may have added one.
			for (Valve valve : context.getParent().getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					context.getParent().getPipeline().removeValve(valve);
				}
			}
			context.getParent().getPipeline().addValve(new ProblemDetailErrorReportValve(detail));
			// At start the host adds an instance of its errorReportValveClass unless its
			// pipeline has one (matched by class name): let it find this one.
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemDetailErrorReportValve.class.getName());
			}
		});
	}

}
