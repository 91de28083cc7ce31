package dev.peerphone.signaling.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One complete HTTP/1.1 response, written in one piece and followed by closing the connection
 * ({@code Connection: close}): the HTTP side serves a handful of small files, so keep-alive is
 * not worth a second code path.
 *
 * @param headers in order; {@code Content-Length} and {@code Connection} are added by {@link #encode}
 * @param head a HEAD request: the headers announce the body's length, the body is not sent
 */
public record HttpResponse(int status, String reason, Map<String, String> headers, byte[] body, boolean head) {
  private static final String TEXT = "text/plain; charset=utf-8";

  public HttpResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A short plain-text response. */
  public static HttpResponse text(int status, String reason, String text, boolean head) {
    return text(status, reason, text, head, Map.of());
  }

  /** {@code 308 Permanent Redirect} (keeps the method) to {@code location}. */
  public static HttpResponse redirect(String location, boolean head) {
    return text(308, "Permanent Redirect", "This port speaks https: " + location + "\n", head,
        Map.of("Location", location));
  }

  /** {@code 503 Service Unavailable} with {@code Retry-After} (seconds): a cap is reached, come back later. */
  public static HttpResponse unavailable(String text, int retryAfterSeconds, boolean head) {
    return text(503, "Service Unavailable", text + "\n", head, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
  }

  private static HttpResponse text(int status, String reason, String text, boolean head, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", TEXT);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.putAll(extra);
    return new HttpResponse(status, reason, headers, text.getBytes(StandardCharsets.UTF_8), head);
  }

  /** Status line, headers, blank line and (unless HEAD) the body, as bytes for the wire. */
  public byte[] encode() {
    StringBuilder s = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
        .append(reason).append("\r\n");
    headers.forEach((name, value) -> s.append(name).append(": ").append(value).append("\r\n"));
    s.append("Content-Length: ").append(body.length).append("\r\n");
    s.append("Connection: close\r\n\r\n");
    byte[] top = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (head) {
      return top;
    }
    byte[] all = new byte[top.length + body.length];
    System.arraycopy(top, 0, all, 0, top.length);
    System.arraycopy(body, 0, all, top.length, body.length);
    return all;
  }
}
