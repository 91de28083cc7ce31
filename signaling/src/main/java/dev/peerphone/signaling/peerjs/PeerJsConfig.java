package dev.peerphone.signaling.peerjs;

import java.time.Duration;

/**
 * The PeerServer mode's settings (docs/PEERJS.md). Defaults are PeerServer 1.0.2's, except the
 * path: {@code /peerjs}, so the WebSocket is {@code /peerjs/peerjs?key=…} and the id service
 * {@code /peerjs/peerjs/id}.
 *
 * @param enabled false: no PeerJS endpoint, every path is the Peerphone protocol as before
 * @param path where PeerServer is mounted, normalised to start and end with {@code /}
 *     ({@code /}, {@code /peerjs/}, {@code /signaling/})
 * @param key the API key clients must present ({@code key=} of the WebSocket)
 * @param discovery answer {@code GET {path}{key}/peers} (PeerServer's {@code allow_discovery})
 * @param aliveTimeout a client that sent nothing (no {@code HEARTBEAT}) for this long is dropped
 * @param expireTimeout a message queued for an id that is not connected expires after this
 *     long, and its sender gets {@code EXPIRE}
 * @param maxQueuedPerId messages waiting for one absent id; more are refused (bounded memory)
 * @param maxQueuedIds absent ids with waiting messages, server-wide
 */
public record PeerJsConfig(boolean enabled, String path, String key, boolean discovery, Duration aliveTimeout,
    Duration expireTimeout, int maxQueuedPerId, int maxQueuedIds) {

  public PeerJsConfig {
    path = normalise(path);
  }

  public static PeerJsConfig defaults() {
    return new PeerJsConfig(true, "/peerjs", "peerjs", false, Duration.ofSeconds(90), Duration.ofSeconds(5),
        64, 10_000);
  }

  public PeerJsConfig withEnabled(boolean v) {
    return new PeerJsConfig(v, path, key, discovery, aliveTimeout, expireTimeout, maxQueuedPerId, maxQueuedIds);
  }

  public PeerJsConfig withPath(String v) {
    return new PeerJsConfig(enabled, v, key, discovery, aliveTimeout, expireTimeout, maxQueuedPerId, maxQueuedIds);
  }

  public PeerJsConfig withKey(String v) {
    return new PeerJsConfig(enabled, path, v, discovery, aliveTimeout, expireTimeout, maxQueuedPerId, maxQueuedIds);
  }

  public PeerJsConfig withDiscovery(boolean v) {
    return new PeerJsConfig(enabled, path, key, v, aliveTimeout, expireTimeout, maxQueuedPerId, maxQueuedIds);
  }

  public PeerJsConfig withTimeouts(Duration alive, Duration expire) {
    return new PeerJsConfig(enabled, path, key, discovery, alive, expire, maxQueuedPerId, maxQueuedIds);
  }

  /** The WebSocket's path: {@code {path}peerjs}. */
  public String socketPath() {
    return path + "peerjs";
  }

  /** {@code "/x"}, {@code "x/"}, {@code "/x/"} all become {@code "/x/"}; null or blank is {@code "/"}. */
  static String normalise(String path) {
    String p = path == null ? "" : path.strip();
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    return p.endsWith("/") ? p : p + "/";
  }
}
