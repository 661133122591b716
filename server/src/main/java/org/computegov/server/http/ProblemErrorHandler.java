package org.computegov.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.computegov.api.Json;
import org.computegov.api.Problem;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (a malformed request line, a URI or header block too long, …) as RFC 9457 problem bodies,
 * like every other error the API gives, and never with a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        write(request, response, callback, problem(code, message, Request.getPathInContext(request)));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(Json.write(problem(status, reason, null)).getBytes(StandardCharsets.UTF_8));
    }

    static Problem problem(int status, String message, String instance) {
        String title = HttpStatus.getMessage(status);
        String kind = switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 408 -> "request-timeout";
            case 413 -> "content-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "header-fields-too-large";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
        String detail = message == null || message.isBlank() ? title + "." : message;
        return Problem.of(kind, title, status, detail, instance, null, null);
    }

    static void write(Request request, Response response, Callback callback, Problem problem) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("response already committed"));
            return;
        }
        response.setStatus(problem.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(Json.write(problem).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
