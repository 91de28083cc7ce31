package dev.peerphone.signaling.server;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.peerphone.signaling.admission.Cidr;
import dev.peerphone.signaling.peerjs.PeerJsConfig;
import dev.peerphone.signaling.tls.TlsSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a {@link SignalingServer} can be told. Start from {@link #defaults()} and change
 * what you need with the {@code with…} methods; port 0 picks a free port.
 *
 * @param httpPort the HTTP side (health, metrics, browser client); -1 disables it
 * @param tlsSource null: plain ws:// and http://; else both ports serve wss:// and https://
 * @param maxConnectionsPerIp sockets per client address, counted from accept; 0 means unlimited
 * @param maxConnections sockets in all, counted from accept; 0: derived from the process's
 *     file-descriptor limit (see {@link #effectiveMaxConnections()})
 * @param handshakeTimeout a socket that has not completed its request head (WebSocket handshake
 *     or plain HTTP request, and TLS before it) by then is closed
 * @param maxLoginsPerMinutePerIp login attempts per client address and minute; 0 means unlimited
 * @param maxNamesPerIp names (logged-in users) held at once per client address; 0 means unlimited
 * @param maxListedUsers presence lists name at most this many users (the first to log in);
 *     anyone can still be called by name
 * @param relayOnly the operator's ICE policy: clients are told {@code iceTransportPolicy:"relay"}
 *     (all media through TURN, so users never learn each other's addresses)
 * @param redisUri {@code redis://HOST:PORT[/DB]}: this server is a node of a cluster on that
 *     Redis (docs/CLUSTER.md); null: a single server, no Redis
 * @param peerJs the PeerServer mode: PeerJS clients on both ports (docs/PEERJS.md)
 */
public record ServerConfig(
    String host,
    int port,
    int httpPort,
    Set<String> allowedCountries,
    Path geoipDatabase,
    boolean denyUnknownCountry,
    List<Cidr> trustedProxies,
    List<String> stunUrls,
    List<String> turnUrls,
    String turnSecret,
    Duration turnCredentialTtl,
    boolean relayOnly,
    TlsSource tlsSource,
    int maxConnectionsPerIp,
    int maxConnections,
    Duration handshakeTimeout,
    int maxLoginsPerMinutePerIp,
    int maxNamesPerIp,
    int maxFrameBytes,
    RateLimit rateLimit,
    Duration loginTimeout,
    Duration pingInterval,
    Duration presenceInterval,
    int maxListedUsers,
    String redisUri,
    PeerJsConfig peerJs) {

  /**
   * Per-connection token bucket, plus the abuse rule: more than {@code maxStrikes} bad or
   * rate-limited messages within {@code strikeWindow} closes the connection with 1008.
   */
  public record RateLimit(int burst, int perSecond, int maxStrikes, Duration strikeWindow) {}

  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", 9090, 8080, Set.of(), null, false, List.of(), List.of(),
        List.of(), null, Duration.ofHours(1), false, null, 256, 0, Duration.ofSeconds(10), 60, 128, 64 * 1024,
        new RateLimit(200, 100, 20, Duration.ofSeconds(10)), Duration.ofSeconds(30),
        Duration.ofSeconds(20), Duration.ofMillis(250), 200, null, PeerJsConfig.defaults());
  }

  public ServerConfig withHost(String v) {
    return edit(b -> b.host = v);
  }

  public ServerConfig withPorts(int wsPort, int http) {
    return edit(b -> {
      b.port = wsPort;
      b.httpPort = http;
    });
  }

  public ServerConfig withAdmission(Set<String> countries, Path db, boolean denyUnknown, List<Cidr> proxies) {
    return edit(b -> {
      b.allowedCountries = Set.copyOf(countries);
      b.geoipDatabase = db;
      b.denyUnknownCountry = denyUnknown;
      b.trustedProxies = List.copyOf(proxies);
    });
  }

  public ServerConfig withIceServers(List<String> stun, List<String> turn, String secret, Duration ttl) {
    return edit(b -> {
      b.stunUrls = List.copyOf(stun);
      b.turnUrls = List.copyOf(turn);
      b.turnSecret = secret;
      b.turnCredentialTtl = ttl;
    });
  }

  /** The operator's policy: every client relays all media through TURN. */
  public ServerConfig withRelayOnly(boolean v) {
    return edit(b -> b.relayOnly = v);
  }

  /** TLS from a PKCS12/JKS keystore; null turns TLS off. */
  public ServerConfig withTls(Path keystore, String password) {
    return withTls(keystore == null ? null : new TlsSource.Keystore(keystore, password));
  }

  /** TLS from PEM files (certbot's fullchain.pem and privkey.pem), reloaded when they change. */
  public ServerConfig withPemTls(Path certificate, Path key) {
    return withTls(new TlsSource.Pem(certificate, key));
  }

  /**
   * TLS with this machine's self-signed certificate, made once and cached in {@code cacheDir}
   * (null: {@code ~/.config/peerphone/tls}); read its fingerprint back with
   * {@link SignalingServer#tlsFingerprint()}.
   */
  public ServerConfig withSelfSignedTls(Path cacheDir) {
    return withTls(new TlsSource.SelfSigned(cacheDir));
  }

  /** TLS from {@code source}; null turns TLS off. */
  public ServerConfig withTls(TlsSource source) {
    return edit(b -> b.tlsSource = source);
  }

  public ServerConfig withMaxConnectionsPerIp(int v) {
    return edit(b -> b.maxConnectionsPerIp = v);
  }

  /** The global socket cap; 0 derives it from the file-descriptor limit. */
  public ServerConfig withMaxConnections(int v) {
    return edit(b -> b.maxConnections = v);
  }

  public ServerConfig withHandshakeTimeout(Duration v) {
    return edit(b -> b.handshakeTimeout = v);
  }

  /** Login attempts per client address and minute (0: unlimited), names held per address (0: unlimited). */
  public ServerConfig withAddressPolicy(int loginsPerMinute, int names) {
    return edit(b -> {
      b.maxLoginsPerMinutePerIp = loginsPerMinute;
      b.maxNamesPerIp = names;
    });
  }

  /**
   * The global socket cap in force: {@link #maxConnections} if set, else 80 % of the process's
   * file-descriptor limit (the rest is headroom for files, selectors and refusals), else 8192
   * where the limit is unknown.
   */
  public int effectiveMaxConnections() {
    if (maxConnections > 0) {
      return maxConnections;
    }
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      long fds = unix.getMaxFileDescriptorCount();
      if (fds > 0) {
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE / 2, fds * 8 / 10));
      }
    }
    return 8192;
  }

  public ServerConfig withRateLimit(RateLimit v) {
    return edit(b -> b.rateLimit = v);
  }

  public ServerConfig withTimers(Duration login, Duration ping, Duration presence) {
    return edit(b -> {
      b.loginTimeout = login;
      b.pingInterval = ping;
      b.presenceInterval = presence;
    });
  }

  public ServerConfig withMaxListedUsers(int v) {
    return edit(b -> b.maxListedUsers = v);
  }

  /** A node of a cluster on the Redis at {@code uri} ({@code redis://HOST:PORT[/DB]}); null: a single server. */
  public ServerConfig withRedis(String uri) {
    return edit(b -> b.redisUri = uri);
  }

  /** The PeerServer mode's settings (docs/PEERJS.md). */
  public ServerConfig withPeerJs(PeerJsConfig v) {
    return edit(b -> b.peerJs = v);
  }

  public boolean tls() {
    return tlsSource != null;
  }

  private ServerConfig edit(Consumer<Editor> change) {
    Editor e = new Editor(this);
    change.accept(e);
    return e.build();
  }

  /** A mutable copy, so each {@code with…} method names only the fields it changes. */
  private static final class Editor {
    String host;
    int port;
    int httpPort;
    Set<String> allowedCountries;
    Path geoipDatabase;
    boolean denyUnknownCountry;
    List<Cidr> trustedProxies;
    List<String> stunUrls;
    List<String> turnUrls;
    String turnSecret;
    Duration turnCredentialTtl;
    boolean relayOnly;
    TlsSource tlsSource;
    int maxConnectionsPerIp;
    int maxConnections;
    Duration handshakeTimeout;
    int maxLoginsPerMinutePerIp;
    int maxNamesPerIp;
    int maxFrameBytes;
    RateLimit rateLimit;
    Duration loginTimeout;
    Duration pingInterval;
    Duration presenceInterval;
    int maxListedUsers;
    String redisUri;
    PeerJsConfig peerJs;

    Editor(ServerConfig c) {
      host = c.host;
      port = c.port;
      httpPort = c.httpPort;
      allowedCountries = c.allowedCountries;
      geoipDatabase = c.geoipDatabase;
      denyUnknownCountry = c.denyUnknownCountry;
      trustedProxies = c.trustedProxies;
      stunUrls = c.stunUrls;
      turnUrls = c.turnUrls;
      turnSecret = c.turnSecret;
      turnCredentialTtl = c.turnCredentialTtl;
      relayOnly = c.relayOnly;
      tlsSource = c.tlsSource;
      maxConnectionsPerIp = c.maxConnectionsPerIp;
      maxConnections = c.maxConnections;
      handshakeTimeout = c.handshakeTimeout;
      maxLoginsPerMinutePerIp = c.maxLoginsPerMinutePerIp;
      maxNamesPerIp = c.maxNamesPerIp;
      maxFrameBytes = c.maxFrameBytes;
      rateLimit = c.rateLimit;
      loginTimeout = c.loginTimeout;
      pingInterval = c.pingInterval;
      presenceInterval = c.presenceInterval;
      maxListedUsers = c.maxListedUsers;
      redisUri = c.redisUri;
      peerJs = c.peerJs;
    }

    ServerConfig build() {
      return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, relayOnly, tlsSource, maxConnectionsPerIp, maxConnections, handshakeTimeout,
          maxLoginsPerMinutePerIp, maxNamesPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers,
          redisUri, peerJs);
    }
  }
}
