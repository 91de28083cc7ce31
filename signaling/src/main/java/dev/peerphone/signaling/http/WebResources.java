package dev.peerphone.signaling.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser client's static files, packaged in the signaling jar under
 * {@code dev/peerphone/signaling/web/}. Paths are resolved strictly (no "..", no hidden files),
 * and files are read once and cached: they cannot change inside a jar.
 */
final class WebResources {
  /**
   * Scripts and styles only from this origin; media and WebSockets to any host: the page's
   * signaling is its own origin's {@code /ws} unless {@code ?ws=} points elsewhere.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; "
      + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final String ROOT = "dev/peerphone/signaling/web/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
      "json", "application/json", "wav", "audio/wav");

  record Resource(String contentType, byte[] bytes) {}

  private final Map<String, Resource> cache = new ConcurrentHashMap<>();

  /** The resource for a request path, or null when there is none. */
  Resource find(String requestPath) {
    String path = requestPath.equals("/") || requestPath.isEmpty() ? "index.html" : requestPath.substring(1);
    if (!path.matches("[A-Za-z0-9_-][A-Za-z0-9_./-]*") || path.contains("..") || path.contains("/.")) {
      return null;
    }
    String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
    if (type == null) {
      return null;
    }
    return cache.computeIfAbsent(path, p -> load(p, type));
  }

  private Resource load(String path, String type) {
    try (InputStream in = WebResources.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        return null;
      }
      return new Resource(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
