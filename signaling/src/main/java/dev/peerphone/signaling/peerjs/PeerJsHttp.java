package dev.peerphone.signaling.peerjs;

import dev.peerphone.signaling.http.HttpResponse;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PeerServer mode's plain HTTP, free of any transport: {@code GET {path}{key}/id} (a fresh
 * id), {@code GET {path}{key}/peers} (with discovery on), {@code GET {path}} (a short JSON
 * description), and the chat-roulette tutorial's {@code GET /find?id=…} (also at
 * {@code {path}find}). CORS as PeerServer's ({@code cors({origin: true})}): the request's
 * {@code Origin} is allowed, preflights are answered. Thread-safe; the {@link Backend} decides
 * what needs the server's state.
 */
public final class PeerJsHttp {
  /** What needs the hub's state; called on a network thread, may wait for the core briefly. */
  public interface Backend {
    /** The ids {@code …/peers} lists. */
    List<String> peers();

    /** The tutorial's {@code /find}: the caller {@code id} joins the roulette queue. */
    Find find(String id);
  }

  /** The outcome of {@code /find}. */
  public record Find(Outcome outcome, String partner) {}

  public enum Outcome {
    /** {@code partner} waited and is the caller's now: 200 with the partner's id. */
    MATCHED,
    /** Nobody else waits: the caller waits (404, as the tutorial answers). */
    WAITING,
    /** The id is not connected to the PeerJS endpoint. */
    NOT_CONNECTED,
    /** The id is a Peerphone user's name: Peerphone users use {@code find}. */
    NOT_PEERJS,
    /** The server cannot serve it now (a cluster node, or the core did not answer in time). */
    UNAVAILABLE
  }

  private static final String DESCRIPTION = "{\"name\":\"Peerphone signaling, PeerServer mode\",\"description\":"
      + "\"A server side element to broker connections between PeerJS clients (and Peerphone users).\"}";
  private final PeerJsConfig config;
  private final Backend backend;

  public PeerJsHttp(PeerJsConfig config, Backend backend) {
    this.config = config;
    this.backend = backend;
  }

  /** True when {@code path} (no query) is the PeerJS WebSocket. */
  public boolean isSocket(String path) {
    return config.enabled() && path.equals(config.socketPath());
  }

  /** The answer to {@code method target}, or null when the path is not one of ours. */
  public HttpResponse respond(String method, String target, String origin) {
    if (!config.enabled()) {
      return null;
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String route = route(path);
    if (route == null) {
      return null;
    }
    boolean head = method.equals("HEAD");
    if (method.equals("OPTIONS")) {
      return preflight(origin);
    }
    if (!head && !method.equals("GET")) {
      return respond(405, "Method Not Allowed", "text/plain; charset=utf-8", "GET, HEAD or OPTIONS only\n", head,
          origin);
    }
    return switch (route) {
      case "root" -> respond(200, "OK", "application/json; charset=utf-8", DESCRIPTION, head, origin);
      case "id" -> respond(200, "OK", "text/html; charset=utf-8", PeerJsIds.generate(), head, origin);
      case "peers" -> config.discovery()
          ? respond(200, "OK", "application/json; charset=utf-8", json(backend.peers()), head, origin)
          : respond(401, "Unauthorized", "text/plain; charset=utf-8", "Unauthorized", head, origin);
      default -> find(query(target).get("id"), head, origin);
    };
  }

  private String route(String path) {
    String base = config.path();
    if (path.equals("/find") || path.equals(base + "find")) {
      return "find";
    }
    if (!base.equals("/") && (path.equals(base) || path.equals(base.substring(0, base.length() - 1)))) {
      return "root";
    }
    if (!path.startsWith(base)) {
      return null;
    }
    String rest = path.substring(base.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    String what = rest.substring(slash + 1);
    return what.equals("id") || what.equals("peers") ? what : null; // any key, as PeerServer's /:key
  }

  private HttpResponse find(String id, boolean head, String origin) {
    if (id == null || id.isEmpty()) {
      return respond(400, "Bad Request", "text/plain; charset=utf-8", "Missing ?id=<your PeerJS id>\n", head, origin);
    }
    Find found = backend.find(id);
    return switch (found.outcome()) {
      case MATCHED -> respond(200, "OK", "text/plain; charset=utf-8", found.partner(), head, origin);
      case WAITING -> respond(404, "Not Found", "text/plain; charset=utf-8",
          "Nobody else is waiting: you are in the queue, wait for a call\n", head, origin);
      case NOT_CONNECTED -> respond(409, "Conflict", "text/plain; charset=utf-8",
          "Id " + id + " is not connected: open the PeerJS connection first, then ask /find\n", head, origin);
      case NOT_PEERJS -> respond(409, "Conflict", "text/plain; charset=utf-8",
          id + " is a Peerphone user, not a PeerJS peer: Peerphone clients send {\"type\":\"find\"}\n", head, origin);
      case UNAVAILABLE -> respond(503, "Service Unavailable", "text/plain; charset=utf-8",
          "The roulette is not available here now\n", head, origin);
    };
  }

  private static HttpResponse preflight(String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (origin != null && !origin.isEmpty()) {
      headers.put("Access-Control-Allow-Origin", origin);
    }
    headers.put("Vary", "Origin");
    headers.put("Access-Control-Allow-Methods", "GET,HEAD");
    return new HttpResponse(204, "No Content", headers, new byte[0], false);
  }

  private static HttpResponse respond(int status, String reason, String type, String body, boolean head,
      String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (origin != null && !origin.isEmpty()) {
      headers.put("Access-Control-Allow-Origin", origin);
      headers.put("Vary", "Origin");
    }
    headers.put("Content-Type", type);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Cache-Control", "no-store");
    return new HttpResponse(status, reason, headers, body.getBytes(StandardCharsets.UTF_8), head);
  }

  private static String json(List<String> ids) {
    StringBuilder out = new StringBuilder("[");
    for (String id : ids) {
      if (out.length() > 1) {
        out.append(',');
      }
      ServerMessages.appendQuoted(out, id);
    }
    return out.append(']').toString();
  }

  /** The query's parameters, decoded as URLSearchParams does ('+' is a space); the last of each wins, as in PeerServer. */
  public static Map<String, String> query(String target) {
    Map<String, String> params = new HashMap<>();
    int q = target.indexOf('?');
    if (q < 0) {
      return params;
    }
    for (String pair : target.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name != null && value != null) {
        params.put(name, value);
      }
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // a malformed %-escape: as if the parameter were absent
    }
  }
}
