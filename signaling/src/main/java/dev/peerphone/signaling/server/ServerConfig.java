package dev.peerphone.signaling.server;

import dev.peerphone.signaling.admission.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything a {@link SignalingServer} can be told. Start from {@link #defaults()} and change
 * what you need with the {@code with…} methods; port 0 picks a free port.
 *
 * @param httpPort the HTTP side (health, metrics, browser client); -1 disables it
 * @param maxConnectionsPerIp 0 means unlimited
 * @param maxListedUsers presence lists are cut to this many users (the rest counted in "more")
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
    Path tlsKeystore,
    String tlsPassword,
    int maxConnectionsPerIp,
    int maxFrameBytes,
    RateLimit rateLimit,
    Duration loginTimeout,
    Duration pingInterval,
    Duration presenceInterval,
    int maxListedUsers) {

  /**
   * Per-connection token bucket, plus the abuse rule: more than {@code maxStrikes} bad or
   * rate-limited messages within {@code strikeWindow} closes the connection with 1008.
   */
  public record RateLimit(int burst, int perSecond, int maxStrikes, Duration strikeWindow) {}

  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", 9090, 8080, Set.of(), null, false, List.of(), List.of(),
        List.of(), null, Duration.ofHours(1), null, null, 32, 64 * 1024,
        new RateLimit(200, 100, 20, Duration.ofSeconds(10)), Duration.ofSeconds(30),
        Duration.ofSeconds(20), Duration.ofMillis(250), 200);
  }

  public ServerConfig withHost(String v) {
    return new ServerConfig(v, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withPorts(int wsPort, int http) {
    return new ServerConfig(host, wsPort, http, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withAdmission(Set<String> countries, Path db, boolean denyUnknown, List<Cidr> proxies) {
    return new ServerConfig(host, port, httpPort, Set.copyOf(countries), db, denyUnknown, List.copyOf(proxies), stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withIceServers(List<String> stun, List<String> turn, String secret, Duration ttl) {
    return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, List.copyOf(stun), List.copyOf(turn), secret, ttl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withTls(Path keystore, String password) {
    return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, keystore, password, maxConnectionsPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withMaxConnectionsPerIp(int v) {
    return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, v, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withRateLimit(RateLimit v) {
    return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, v, loginTimeout, pingInterval, presenceInterval, maxListedUsers);
  }

  public ServerConfig withTimers(Duration login, Duration ping, Duration presence) {
    return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, rateLimit, login, ping, presence, maxListedUsers);
  }

  public ServerConfig withMaxListedUsers(int v) {
    return new ServerConfig(host, port, httpPort, allowedCountries, geoipDatabase, denyUnknownCountry, trustedProxies, stunUrls, turnUrls, turnSecret, turnCredentialTtl, tlsKeystore, tlsPassword, maxConnectionsPerIp, maxFrameBytes, rateLimit, loginTimeout, pingInterval, presenceInterval, v);
  }

  public boolean tls() {
    return tlsKeystore != null;
  }
}
