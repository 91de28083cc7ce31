package dev.peerphone.app.ui;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallListener;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Backend}: the embedded signaling server (9090/8080, or free ports when those
 * are taken) and {@link PeerClient}s with real devices (falling back to the test pattern and
 * silence where there are none).
 */
public final class ClientBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(ClientBackend.class);
  private final MediaConfig media;
  private final int wsPort;
  private final int httpPort;
  private SignalingServer server;
  private ServerInfo info;

  /** {@code wsPort}/{@code httpPort}: the preferred embedded-server ports (0 = any free port). */
  public ClientBackend(MediaConfig media, int wsPort, int httpPort) {
    this.media = media;
    this.wsPort = wsPort;
    this.httpPort = httpPort;
  }

  @Override
  public synchronized ServerInfo startEmbeddedServer() throws IOException {
    if (info != null) {
      return info;
    }
    try {
      server = SignalingServer.start(ServerConfig.defaults().withPorts(wsPort, httpPort));
    } catch (IOException e) {
      log.info("ports {}/{} busy ({}); using free ports", wsPort, httpPort, e.toString());
      server = SignalingServer.start(ServerConfig.defaults().withPorts(0, 0));
    }
    String host = lanAddress();
    String join = "Others join with server " + host + ":" + server.port()
        + "  ·  browser: http://" + host + ":" + server.httpPort() + "/";
    info = new ServerInfo(URI.create("ws://127.0.0.1:" + server.port() + "/"), join);
    return info;
  }

  @Override
  public Phone connect(URI uri, String name, CallListener listener) throws IOException {
    // The signaling client retries forever; probe once so an unreachable server is reported at once.
    int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), port), 3000);
    }
    return new ClientPhone(new PeerClient(uri, name, media, CallOptions.defaults(), listener).start());
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * Parses the server field: {@code host}, {@code host:port} or a full {@code ws://}/{@code wss://}
   * URI; the port defaults to 9090.
   */
  public static URI parseServer(String text) {
    String t = text.trim();
    if (t.startsWith("ws://") || t.startsWith("wss://")) {
      return URI.create(t);
    }
    URI u = URI.create("ws://" + t);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("not a server address: " + text);
    }
    return URI.create("ws://" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 9090) + "/");
  }

  /** The first site-local IPv4 address (what others on the LAN use), else localhost. */
  static String lanAddress() {
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (IOException e) {
      log.debug("interfaces: {}", e.toString());
    }
    return "localhost";
  }
}
