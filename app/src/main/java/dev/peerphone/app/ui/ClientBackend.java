package dev.peerphone.app.ui;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallListener;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.net.LanAddress;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Backend}: the embedded signaling server (the configured ports, or free ports
 * when those are taken; TLS when its config says so, its own certificate trusted without asking)
 * and {@link PeerClient}s with real devices (falling back to the test pattern and silence where
 * there are none), trusting {@code wss://} servers as {@link ServerTrust} says.
 */
public final class ClientBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(ClientBackend.class);
  private final MediaConfig media;
  private final ServerConfig embedded;
  private final ServerTrust trust;
  private SignalingServer server;
  private ServerInfo info;

  /** {@code wsPort}/{@code httpPort}: the preferred embedded-server ports (0 = any free port). */
  public ClientBackend(MediaConfig media, int wsPort, int httpPort) {
    this(media, ServerConfig.defaults().withPorts(wsPort, httpPort), ServerTrust.standard());
  }

  /**
   * {@code embedded}: the embedded server's configuration (its ports are preferred, free ports
   * used when they are taken; with TLS, the link is {@code https://}); {@code trust}: which
   * certificates the client accepts (the embedded server's own is pinned on start).
   */
  public ClientBackend(MediaConfig media, ServerConfig embedded, ServerTrust trust) {
    this.media = media;
    this.embedded = embedded;
    this.trust = trust;
  }

  /** The trust this backend's clients use (pin more with {@link ServerTrust#pin}). */
  public ServerTrust trust() {
    return trust;
  }

  @Override
  public synchronized ServerInfo startEmbeddedServer() throws IOException {
    if (info != null) {
      return info;
    }
    try {
      server = SignalingServer.start(embedded);
    } catch (IOException e) {
      log.info("ports {}/{} busy ({}); using free ports", embedded.port(), embedded.httpPort(), e.toString());
      server = SignalingServer.start(embedded.withPorts(0, 0));
    }
    boolean tls = embedded.tls();
    String fingerprint = server.tlsFingerprint();
    if (tls) {
      for (String host : new String[] {"127.0.0.1", "localhost"}) {
        trust.pin(host, server.port(), fingerprint);
        trust.pin(host, server.httpPort(), fingerprint);
      }
    }
    String host = LanAddress.find().orElse("localhost");
    String link = (tls ? "https" : "http") + "://" + host + ":" + server.httpPort() + "/";
    String join = "Peerphone desktop: server " + host + ":" + server.port()
        + (tls ? "\nIts certificate's SHA-256 fingerprint: " + fingerprint : "")
        + (host.equals("localhost") ? "  ·  no network found: only this machine can join" : "");
    info = new ServerInfo(URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + server.port() + "/"), link, join);
    return info;
  }

  @Override
  public Phone connect(URI uri, String name, CallListener listener) throws IOException {
    // The signaling client retries forever; probe once so an unreachable server is reported at once.
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), ServerTrust.port(uri)), 3000);
    }
    return new ClientPhone(new PeerClient(uri, name, media, CallOptions.defaults(), listener, trust).start());
  }

  @Override
  public Optional<ServerCertificate> refusedCertificate(URI server) {
    return trust.lastRefused(server);
  }

  @Override
  public void trust(ServerCertificate certificate) throws IOException {
    trust.remember(certificate);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * Parses the server field: {@code host}, {@code host:port} (port 9090 by default), a full
   * {@code ws://}/{@code wss://} URI, or the link a Peerphone server shows for browsers
   * ({@code http(s)://host:port/}), whose WebSocket is {@code ws(s)://host:port/ws}.
   */
  public static URI parseServer(String text) {
    String t = text.trim();
    if (t.startsWith("ws://") || t.startsWith("wss://")) {
      return URI.create(t);
    }
    if (t.startsWith("http://") || t.startsWith("https://")) {
      URI u = URI.create(t);
      if (u.getHost() == null) {
        throw new IllegalArgumentException("not a server address: " + text);
      }
      boolean tls = t.startsWith("https://");
      int port = u.getPort() > 0 ? u.getPort() : tls ? 443 : 80;
      return URI.create((tls ? "wss" : "ws") + "://" + u.getHost() + ":" + port + "/ws");
    }
    URI u = URI.create("ws://" + t);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("not a server address: " + text);
    }
    return URI.create("ws://" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 9090) + "/");
  }
}
