package dev.peerphone.signaling.server;

import dev.peerphone.signaling.admission.Admission;
import dev.peerphone.signaling.admission.ClientAddressResolver;
import dev.peerphone.signaling.admission.GeoIpCountryLookup;
import dev.peerphone.signaling.cluster.RedisDirectory;
import dev.peerphone.signaling.http.HttpRoutes;
import dev.peerphone.signaling.peerjs.PeerJsHttp;
import dev.peerphone.signaling.tls.ServerTls;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable signaling server: {@link #start} it from code (port 0 picks free ports, read
 * them back with {@link #port()} and {@link #httpPort()}), {@link #close} it when done.
 *
 * <p>Threads: Java-WebSocket's selector thread does the network I/O and, through the core
 * executor ({@link SerialExecutor}), usually runs the {@link Hub} too; one timer thread feeds
 * timed work (presence pushes, login timeouts, pings) into the same core executor. The HTTP
 * port is a second Java-WebSocket server with its own selector thread: it upgrades {@code /ws}
 * to the same signaling and answers everything else as plain HTTP.
 */
public final class SignalingServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SignalingServer.class);

  private final ServerConfig config;
  private final ScheduledThreadPoolExecutor timer;
  private final Executor core;
  private final Hub hub;
  private final WsTransport transport;
  private final WsTransport http;
  private final Metrics metrics;
  private final GeoIpCountryLookup geoip;
  private final ServerTls tls;
  private final Directory directory;

  private SignalingServer(ServerConfig config, ScheduledThreadPoolExecutor timer, Executor core, Hub hub,
      WsTransport transport, WsTransport http, Metrics metrics, GeoIpCountryLookup geoip,
      ServerTls tls, Directory directory) {
    this.directory = directory;
    this.config = config;
    this.timer = timer;
    this.core = core;
    this.hub = hub;
    this.transport = transport;
    this.http = http;
    this.metrics = metrics;
    this.geoip = geoip;
    this.tls = tls;
  }

  /** Binds and starts; returns once the WebSocket port is listening. */
  public static SignalingServer start(ServerConfig config) throws IOException {
    GeoIpCountryLookup geoip = null;
    Admission admission = Admission.everyone();
    if (config.geoipDatabase() != null) {
      geoip = new GeoIpCountryLookup(config.geoipDatabase());
      admission = Admission.countries(config.allowedCountries(), geoip, config.denyUnknownCountry());
    } else if (!config.allowedCountries().isEmpty() || config.denyUnknownCountry()) {
      throw new IllegalArgumentException("--allow-country and --deny-unknown-country need --geoip-db");
    }
    IceServers ice = new IceServers(config.stunUrls(), config.turnUrls(), config.turnSecret(),
        config.turnCredentialTtl(), Clock.systemUTC());
    ServerTls tls = config.tls() ? ServerTls.open(config.tlsSource()) : null;

    SerialExecutor core = new SerialExecutor();
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread t = new Thread(runnable, "peerphone-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    Metrics metrics = new Metrics();
    Presence.Scheduler scheduler = new Presence.Scheduler() {
      @Override
      public void schedule(Runnable task, long delayNanos) {
        timer.schedule(() -> core.execute(task), delayNanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }
    };
    Directory directory;
    try {
      directory = config.redisUri() == null ? Directory.local() : RedisDirectory.connect(config.redisUri(), core, timer);
    } catch (IOException e) {
      timer.shutdownNow();
      throw e;
    }
    metrics.directory = directory;
    core.whenIdle(directory::flush); // the publishes of one read go to Redis in one write
    Hub hub = new Hub(config, admission, ice, metrics, scheduler, directory);
    directory.start(hub.inbox());
    ClientAddressResolver addresses = new ClientAddressResolver(config.trustedProxies());
    PerIpCounts perIp = new PerIpCounts();
    metrics.socketAddresses = perIp::addresses;
    int maxConnections = config.effectiveMaxConnections();
    ConnectionGate gate = new ConnectionGate(config.maxConnectionsPerIp(), maxConnections, perIp, addresses, metrics);
    log.info("Connection caps: {} sockets in all, {} per address (0 = none); requests within {} ms",
        maxConnections, config.maxConnectionsPerIp(), config.handshakeTimeout().toMillis());
    WsTransport transport = new WsTransport(config, config.port(), null, core, hub, metrics, addresses, perIp, gate);
    PeerJsHttp peerJsHttp = new PeerJsHttp(config.peerJs(), new PeerJsOnCore(core, hub));
    transport.servePeerJs(peerJsHttp);
    WsTransport http = config.httpPort() < 0 ? null : new WsTransport(config, config.httpPort(),
        new HttpRoutes(metrics::render, directory::ready, peerJsHttp), core, hub, metrics, addresses, perIp, gate);
    try {
      listen(transport, tls, config.port(), "WebSocket");
      if (http != null) {
        listen(http, tls, config.httpPort(), "HTTP");
      }
    } catch (IOException e) {
      stopQuietly(transport);
      if (http != null) {
        stopQuietly(http);
      }
      timer.shutdownNow();
      directory.close();
      throw e;
    }
    Executor selectorTasks = transport.selectorTasks();
    if (selectorTasks != null) {
      directory.deliverOn(selectorTasks); // what other nodes send is written from the selector thread
    }
    if (tls != null) {
      tls.watch(timer);
    }
    long loginCheck = Math.max(50, Math.min(1000, config.loginTimeout().toMillis() / 4));
    timer.scheduleWithFixedDelay(() -> core.execute(() -> hub.expireLogins(System.nanoTime())),
        loginCheck, loginCheck, TimeUnit.MILLISECONDS);
    long requestLimit = config.handshakeTimeout().toNanos();
    long requestCheck = Math.max(50, Math.min(1000, config.handshakeTimeout().toMillis() / 4));
    timer.scheduleWithFixedDelay(() -> {
      try {
        transport.dropSilentConnections(requestLimit);
        if (http != null) {
          http.dropSilentConnections(requestLimit);
        }
      } catch (RuntimeException e) {
        log.error("Dropping silent connections failed", e);
      }
    }, requestCheck, requestCheck, TimeUnit.MILLISECONDS);
    if (config.peerJs().enabled()) {
      long tick = Math.max(20, Math.min(250, Math.min(config.peerJs().aliveTimeout().toMillis(),
          config.peerJs().expireTimeout().toMillis()) / 4));
      timer.scheduleWithFixedDelay(() -> core.execute(() -> hub.peerJs().tick(System.nanoTime())), tick, tick,
          TimeUnit.MILLISECONDS);
    }
    long ping = config.pingInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> core.execute(hub::pingAll), ping, ping, TimeUnit.MILLISECONDS);
    SignalingServer server = new SignalingServer(config, timer, core, hub, transport, http, metrics, geoip, tls,
        directory);
    log.info("Signaling on {}{}{}", server.webSocketUri(),
        http == null ? "" : ", " + server.httpUri() + " with " + server.sameOriginWebSocketUri(),
        tls == null ? "" : "; TLS certificate SHA-256 " + tls.fingerprint());
    return server;
  }

  private static void listen(WsTransport transport, ServerTls tls, int port, String what) throws IOException {
    if (tls != null) {
      transport.useFactory(new TlsOrPlainFactory(tls.context()));
    }
    transport.start();
    try {
      transport.started.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException("Cannot serve " + what + " on port " + port + ": " + cause, cause);
    }
  }

  /** The WebSocket port actually bound (useful with port 0). */
  public int port() {
    return transport.getPort();
  }

  /** The HTTP port actually bound, or -1 when HTTP is disabled. */
  public int httpPort() {
    return http == null ? -1 : http.getPort();
  }

  /** {@code ws://localhost:PORT/} (or wss://, or the bound address), for clients on this machine. */
  public URI webSocketUri() {
    return URI.create((config.tls() ? "wss" : "ws") + "://" + localAuthority() + ":" + port() + "/");
  }

  /**
   * The same signaling on the HTTP port, {@code ws://localhost:HTTPPORT/ws} (or wss://), as the
   * browser client uses it; null when HTTP is disabled.
   */
  public URI sameOriginWebSocketUri() {
    return http == null ? null : URI.create((config.tls() ? "wss" : "ws") + "://" + localAuthority() + ":"
        + httpPort() + HttpRoutes.WEBSOCKET_PATH);
  }

  /** {@code http://localhost:HTTPPORT/} (or https://): the browser client; null when HTTP is disabled. */
  public URI httpUri() {
    return http == null ? null : URI.create((config.tls() ? "https" : "http") + "://" + localAuthority() + ":"
        + httpPort() + "/");
  }

  private String localAuthority() {
    String host = config.host();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
    return wildcard ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
  }

  /**
   * The SHA-256 fingerprint of the certificate served now (colon-separated upper-case hex, as
   * browsers show it), to print or to compare with what a client sees; null without TLS.
   */
  public String tlsFingerprint() {
    return tls == null ? null : tls.fingerprint();
  }

  /**
   * The certificate served now, e.g. for the desktop client to trust (pin) its own embedded
   * server's self-signed certificate; null without TLS. PEM files replaced on disk change it.
   */
  public X509Certificate tlsCertificate() {
    return tls == null ? null : tls.certificate();
  }

  /** The {@code /metrics} text, for embedders that do not run the HTTP side. */
  public String metricsText() {
    return metrics.render();
  }

  /**
   * Closes every connection (clients see close 1001), then stops all threads. Calls in progress
   * are not ended: their media is peer to peer, and clients log in again to a new server.
   */
  @Override
  public void close() {
    core.execute(hub::shuttingDown);
    stopQuietly(transport);
    if (http != null) {
      stopQuietly(http);
    }
    directory.close(); // after the connections: their names are freed at once, nobody is told
    timer.shutdownNow();
    if (geoip != null) {
      try {
        geoip.close();
      } catch (IOException e) {
        log.debug("Closing the GeoIP database failed", e);
      }
    }
  }

  private static void stopQuietly(WsTransport transport) {
    try {
      transport.stop(1000, "Server shutting down");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.closeSelectorTasks();
  }
}
