package dev.peerphone.signaling.http;

import dev.peerphone.signaling.peerjs.PeerJsHttp;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the HTTP side answers, free of any transport: {@code /healthz}, {@code /metrics}, the
 * browser client ({@link WebResources}) at {@code /}, and {@code 426} for a plain request to
 * {@code /ws} (the WebSocket itself is upgraded before it gets here). GET and HEAD only.
 * Thread-safe.
 */
public final class HttpRoutes {
  /** The path that upgrades to the signaling WebSocket on the HTTP port. */
  public static final String WEBSOCKET_PATH = "/ws";

  private final Supplier<String> metrics;
  private final BooleanSupplier ready;
  private final WebResources web = new WebResources();
  /** The PeerServer mode's HTTP (docs/PEERJS.md), or null. */
  private final PeerJsHttp peerJs;

  /** {@code metrics} renders the {@code /metrics} text; it is called per request, on the network thread. */
  public HttpRoutes(Supplier<String> metrics) {
    this(metrics, () -> true);
  }

  /**
   * {@code ready} tells whether this node can serve (a cluster node: Redis reachable and its lease
   * held); {@code /healthz} answers 503 while it cannot, so a load balancer takes the node out.
   */
  public HttpRoutes(Supplier<String> metrics, BooleanSupplier ready) {
    this(metrics, ready, null);
  }

  /** ... and the PeerServer mode's routes ({@code peerJs}, null for none), answered first. */
  public HttpRoutes(Supplier<String> metrics, BooleanSupplier ready, PeerJsHttp peerJs) {
    this.metrics = metrics;
    this.ready = ready;
    this.peerJs = peerJs;
  }

  /** As {@link #respond(String, String)}, for a request with this {@code Origin} header (null if none). */
  public HttpResponse respond(String method, String target, String origin) {
    HttpResponse answer = peerJs == null ? null : peerJs.respond(method, target, origin);
    return answer != null ? answer : respond(method, target);
  }

  /** The path of a request target (origin form), without the query; "" when it is not origin form. */
  public static String path(String target) {
    if (!target.startsWith("/")) {
      return "";
    }
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** The response to {@code method target} (target as on the request line, query included). */
  public HttpResponse respond(String method, String target) {
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      return new HttpResponse(405, "Method Not Allowed", Map.of("Allow", "GET, HEAD"), new byte[0], false);
    }
    String path = path(target);
    switch (path) {
      case "/healthz":
        return ready.getAsBoolean() ? HttpResponse.text(200, "OK", "ok\n", head)
            : HttpResponse.text(503, "Service Unavailable", "not ready: the cluster directory (Redis) is unreachable"
                + " or this node's lease lapsed\n", head);
      case "/metrics":
        return new HttpResponse(200, "OK", Map.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
            metrics.get().getBytes(StandardCharsets.UTF_8), head);
      case WEBSOCKET_PATH:
        return upgradeRequired(head);
      default:
        WebResources.Resource resource = path.isEmpty() ? null : web.find(path);
        if (resource == null) {
          return HttpResponse.text(404, "Not Found", "Not found\n", head);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", resource.contentType());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", WebResources.CONTENT_SECURITY_POLICY);
        headers.put("Cache-Control", "no-cache");
        return new HttpResponse(200, "OK", headers, resource.bytes(), head);
    }
  }

  /**
   * The answer to plain http on a TLS port: the same host (from the {@code Host} header when it
   * is a plain name or address, else the address the client reached) and path over https.
   */
  public static HttpResponse redirectToHttps(String hostHeader, InetSocketAddress local, String target, boolean head) {
    String host = hostHeader == null ? "" : hostHeader.strip();
    if (host.startsWith("[")) {
      host = host.indexOf(']') > 0 ? host.substring(0, host.indexOf(']') + 1) : "";
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (!host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
      InetAddress address = local.getAddress();
      host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }
    return HttpResponse.redirect("https://" + host + ":" + local.getPort() + (target.startsWith("/") ? target : "/"), head);
  }

  /** A plain request where only a WebSocket upgrade makes sense. */
  public static HttpResponse upgradeRequired(boolean head) {
    return new HttpResponse(426, "Upgrade Required", Map.of("Upgrade", "websocket",
        "Content-Type", "text/plain; charset=utf-8"),
        "This is the Peerphone signaling WebSocket: connect with a WebSocket client.\n"
            .getBytes(StandardCharsets.UTF_8), head);
  }
}
