package dev.bazaar.defaults.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.bazaar.problem.Problem;
import dev.bazaar.problem.TraceIds;

/**
 * Errors Tomcat answers itself, before Spring sees the request (a path with malformed
 * percent escapes, an exception that escaped every filter), are problem+json like every
 * other error, not Tomcat's HTML page. Boot adds its own ErrorReportValve to the host from
 * a context customizer, in no fixed order with this one, so the swap is made when the host
 * starts, after every customizer has run.
 */
@Component
@ConditionalOnClass({TomcatContextCustomizer.class, ErrorReportValve.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemErrorReports implements TomcatContextCustomizer {

    @Override
    public void customize(Context context) {
        Container parent = context.getParent();
        if (parent instanceof Host host) {
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    replaceErrorReportValves(host);
                }
            });
        }
    }

    private static void replaceErrorReportValves(Host host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemValve());
        if (host instanceof StandardHost standard) {
            // the host adds a valve of this class on start unless it finds one already
            standard.setErrorReportValveClass(ProblemValve.class.getName());
        }
    }

    /**
     * Writes the error as problem+json when nothing has written a body yet, so Spring's own
     * answers pass untouched. Never the URI, the exception or the server's version.
     */
    public static class ProblemValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String body = new String(Problem.forStatus(HttpStatusCode.valueOf(status), detail(status))
                    .traceId(TraceIds.current()).toJson(), StandardCharsets.UTF_8);
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response already went out: nobody to tell
            }
        }

        private static String detail(int status) {
            if (status == 400) {
                return "The request cannot be read: its path, query or headers are malformed.";
            }
            if (status >= 500) {
                return "Something went wrong on our side.";
            }
            return "The request cannot be served.";
        }
    }
}
