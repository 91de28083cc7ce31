package dev.peerphone.signaling.cli;

import dev.peerphone.signaling.admission.Cidr;
import dev.peerphone.signaling.server.ServerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses {@code ./peerphone server} options into a {@link ServerConfig}. */
public final class ServerOptions {
  public static final String HELP = """
      Usage: ./peerphone server [options]

      Runs the Peerphone signaling server: WebSocket signaling (PROTOCOL.md) plus an HTTP side
      with the browser client, the same signaling at /ws, /healthz and /metrics.

      Options:
        --port N                     WebSocket port (default 9090; 0 = any free port)
        --http-port N                HTTP port: browser client, /ws, /healthz, /metrics
                                     (default 8080; 0 = any free port; -1 = off)
        --host ADDR                  address to bind (default 0.0.0.0)
        --allow-country CC,CC,...    only admit these ISO countries (needs --geoip-db)
        --geoip-db FILE              MaxMind/GeoIP2 Country database (.mmdb)
        --deny-unknown-country       refuse addresses the database does not know (LAN, loopback)
        --trusted-proxy CIDR,...     believe X-Forwarded-For only from these proxies
        --stun URL                   STUN server for clients (repeatable, or comma-separated)
        --turn URL                   TURN server for clients (repeatable, or comma-separated)
        --turn-secret S              shared secret for TURN REST API credentials
        --turn-ttl SECONDS           lifetime of TURN credentials (default 3600)
        --relay-only                 tell every client to relay all media through TURN
                                     (iceTransportPolicy "relay": users never learn each
                                     other's addresses, e.g. for roulette; needs --turn)
        --tls-self-signed            serve wss:// and https:// with this machine's self-signed
                                     certificate (made once, cached, fingerprint printed at start)
        --tls-cache-dir DIR          where --tls-self-signed keeps it (default ~/.config/peerphone/tls)
        --tls-cert FILE              PEM certificate chain (certbot's fullchain.pem): serve wss://
                                     and https://; reloaded when it or the key changes
        --tls-key FILE               PEM private key (PKCS#8, RSA or EC; certbot's privkey.pem)
        --tls-keystore FILE          PKCS12/JKS keystore: serve wss:// and https://
        --tls-password P             keystore password
        --max-connections-per-ip N   sockets per client address, counted from accept (default
                                     256, so a classroom or carrier NAT fits; 0 = none); over it
                                     a request gets 503 with Retry-After
        --max-connections N          sockets in all, counted from accept (default 0 = 80 % of the
                                     process's file-descriptor limit); over it: 503 + Retry-After
        --handshake-timeout SECONDS  close a socket that has not sent a complete request head
                                     (WebSocket upgrade or HTTP request, TLS first) by then
                                     (default 10)
        --max-logins-per-minute-per-ip N  login attempts per client address and minute
                                     (default 60; 0 = none); over it: rate-limited error
        --max-names-per-ip N         names held at once per client address (default 128;
                                     0 = none); over it: rate-limited error
        --max-listed-users N         users named in presence lists (default 200)
        --redis redis://HOST:PORT[/DB]  run as a node of a cluster on that Redis: names are
                                     unique across the nodes and users on different nodes
                                     reach each other (docs/CLUSTER.md); or
                redis-sentinel://HOST:PORT[,HOST:PORT…][/DB]#MASTER  the master that
                                     those Sentinels name (followed on failover)
        --peerjs-path PATH           PeerServer mode (docs/PEERJS.md): PeerJS apps use this
                                     server as their PeerServer at PATH on both ports (default
                                     /peerjs: WebSocket PATH/peerjs, ids at PATH/KEY/id; / and
                                     /signaling work too); /find is the roulette for PeerJS pages
        --peerjs-key KEY             the key PeerJS clients must give (default peerjs)
        --peerjs-discovery           answer GET PATH/KEY/peers (PeerServer's allow_discovery)
        --peerjs-alive-timeout MS    drop a PeerJS client silent this long (default 90000)
        --no-peerjs                  no PeerServer mode
        --help                       this text
      """;

  private ServerOptions() {}

  /** Thrown for a bad command line; the message says what is wrong. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  public static ServerConfig parse(String... args) throws UsageException {
    ServerConfig config = ServerConfig.defaults();
    Set<String> countries = new HashSet<>();
    Path geoip = null;
    boolean denyUnknown = false;
    List<Cidr> proxies = new ArrayList<>();
    List<String> stun = new ArrayList<>();
    List<String> turn = new ArrayList<>();
    String turnSecret = null;
    boolean relayOnly = false;
    Duration turnTtl = config.turnCredentialTtl();
    Path keystore = null;
    String password = null;
    boolean selfSigned = false;
    Path cacheDir = null;
    Path pemCert = null;
    Path pemKey = null;
    int port = config.port();
    int httpPort = config.httpPort();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--port" -> port = intValue(args, ++i, option, 0);
        case "--http-port" -> httpPort = intValue(args, ++i, option, -1);
        case "--host" -> config = config.withHost(value(args, ++i, option));
        case "--allow-country" -> countries.addAll(list(value(args, ++i, option)));
        case "--geoip-db" -> geoip = existingFile(value(args, ++i, option), option);
        case "--deny-unknown-country" -> denyUnknown = true;
        case "--trusted-proxy" -> {
          for (String cidr : list(value(args, ++i, option))) {
            try {
              proxies.add(Cidr.parse(cidr));
            } catch (IllegalArgumentException e) {
              throw new UsageException("--trusted-proxy: " + e.getMessage());
            }
          }
        }
        case "--stun" -> stun.addAll(list(value(args, ++i, option)));
        case "--turn" -> turn.addAll(list(value(args, ++i, option)));
        case "--turn-secret" -> turnSecret = value(args, ++i, option);
        case "--turn-ttl" -> turnTtl = Duration.ofSeconds(intValue(args, ++i, option, 1));
        case "--relay-only" -> relayOnly = true;
        case "--tls-keystore" -> keystore = existingFile(value(args, ++i, option), option);
        case "--tls-password" -> password = value(args, ++i, option);
        case "--tls-self-signed" -> selfSigned = true;
        case "--tls-cache-dir" -> cacheDir = Path.of(value(args, ++i, option));
        case "--tls-cert" -> pemCert = existingFile(value(args, ++i, option), option);
        case "--tls-key" -> pemKey = existingFile(value(args, ++i, option), option);
        case "--max-connections-per-ip" -> config = config.withMaxConnectionsPerIp(intValue(args, ++i, option, 0));
        case "--max-connections" -> config = config.withMaxConnections(intValue(args, ++i, option, 0));
        case "--handshake-timeout" -> config = config.withHandshakeTimeout(
            Duration.ofSeconds(intValue(args, ++i, option, 1)));
        case "--max-logins-per-minute-per-ip" -> config = config.withAddressPolicy(
            intValue(args, ++i, option, 0), config.maxNamesPerIp());
        case "--max-names-per-ip" -> config = config.withAddressPolicy(
            config.maxLoginsPerMinutePerIp(), intValue(args, ++i, option, 0));
        case "--max-listed-users" -> config = config.withMaxListedUsers(intValue(args, ++i, option, 1));
        case "--redis" -> config = config.withRedis(redisUri(value(args, ++i, option)));
        case "--peerjs-path" -> config = config.withPeerJs(config.peerJs().withPath(peerJsPath(value(args, ++i, option))));
        case "--peerjs-key" -> config = config.withPeerJs(config.peerJs().withKey(value(args, ++i, option)));
        case "--peerjs-discovery" -> config = config.withPeerJs(config.peerJs().withDiscovery(true));
        case "--peerjs-alive-timeout" -> config = config.withPeerJs(config.peerJs().withTimeouts(
            Duration.ofMillis(intValue(args, ++i, option, 1000)), config.peerJs().expireTimeout()));
        case "--no-peerjs" -> config = config.withPeerJs(config.peerJs().withEnabled(false));
        default -> throw new UsageException("Unknown option: " + option);
      }
    }
    if ((!countries.isEmpty() || denyUnknown) && geoip == null) {
      throw new UsageException("--allow-country and --deny-unknown-country need --geoip-db FILE");
    }
    if (!turn.isEmpty() && turnSecret == null) {
      throw new UsageException("--turn needs --turn-secret");
    }
    if (relayOnly && turn.isEmpty()) {
      throw new UsageException("--relay-only needs --turn URL: with no TURN server no call could connect");
    }
    if (keystore == null && password != null) {
      throw new UsageException("--tls-password needs --tls-keystore");
    }
    if ((pemCert == null) != (pemKey == null)) {
      throw new UsageException("--tls-cert and --tls-key go together");
    }
    if (cacheDir != null && !selfSigned) {
      throw new UsageException("--tls-cache-dir needs --tls-self-signed");
    }
    if ((keystore != null ? 1 : 0) + (pemCert != null ? 1 : 0) + (selfSigned ? 1 : 0) > 1) {
      throw new UsageException("choose one of --tls-self-signed, --tls-cert/--tls-key and --tls-keystore");
    }
    for (String code : countries) {
      if (!code.matches("[A-Za-z]{2}")) {
        throw new UsageException("--allow-country: not a two-letter country code: " + code);
      }
    }
    config = config.withPorts(port, httpPort)
        .withAdmission(countries, geoip, denyUnknown, proxies)
        .withIceServers(stun, turn, turnSecret, turnTtl)
        .withRelayOnly(relayOnly)
        .withTls(keystore, password);
    if (selfSigned) {
      config = config.withSelfSignedTls(cacheDir);
    } else if (pemCert != null) {
      config = config.withPemTls(pemCert, pemKey);
    }
    return config;
  }

  /** A path of plain segments (letters, digits, '-', '_', '.'), e.g. {@code /}, {@code /signaling}. */
  private static String peerJsPath(String v) throws UsageException {
    if (!v.matches("/?([A-Za-z0-9._-]+/?)*")) {
      throw new UsageException("--peerjs-path needs a path like / or /peerjs or /signaling, got: " + v);
    }
    return v;
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int intValue(String[] args, int i, String option, int min) throws UsageException {
    String v = value(args, i, option);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > 65535 && option.endsWith("port")) {
        throw new UsageException(option + ": out of range: " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a number, got: " + v);
    }
  }

  /** Sentinels and the master's name, as Lettuce reads them (no IPv6 literals). */
  private static final java.util.regex.Pattern SENTINEL = java.util.regex.Pattern.compile(
      "redis-sentinel://[A-Za-z0-9.-]+(:\\d{1,5})?(,[A-Za-z0-9.-]+(:\\d{1,5})?)*(/\\d{1,5})?#[A-Za-z0-9_.-]{1,64}");

  /**
   * {@code redis://HOST[:PORT][/DB]} (port 6379 by default, database 0), or
   * {@code redis-sentinel://HOST[:PORT][,HOST[:PORT]…][/DB]#MASTER} (Sentinels on port 26379 by default).
   */
  private static String redisUri(String v) throws UsageException {
    if (v.startsWith("redis-sentinel:")) {
      if (!SENTINEL.matcher(v).matches()) {
        throw new UsageException("--redis needs redis-sentinel://HOST:PORT[,HOST:PORT...][/DB]#MASTER, got: " + v);
      }
      return v;
    }
    String expected = "--redis needs redis://HOST:PORT[/DB] or redis-sentinel://HOST:PORT[/DB]#MASTER, got: " + v;
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new UsageException(expected);
    }
    String path = uri.getRawPath();
    if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
        || uri.getFragment() != null || path != null && !path.isEmpty() && !path.matches("/\\d{1,5}")) {
      throw new UsageException(expected);
    }
    return v;
  }

  private static List<String> list(String v) {
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Path existingFile(String v, String option) throws UsageException {
    Path path = Path.of(v);
    if (!Files.isReadable(path)) {
      throw new UsageException(option + ": cannot read " + v);
    }
    return path;
  }
}
