package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallListener;
import dev.peerphone.app.net.ServerCertificate;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * How the view-model reaches the outside world: start the embedded signaling server, connect a
 * client, and trust a server's certificate. {@link ClientBackend} is the real one; tests pass a fake.
 *
 * <p>Threading: called on the model's engine worker thread; methods may block unless noted.
 */
public interface Backend {
  /**
   * The embedded server's addresses: where this app connects; the link others open in a browser or
   * on a phone ({@code https://LAN-ADDRESS:PORT/} when the server serves TLS, else {@code http://});
   * and a line for Peerphone desktop users (the server address, and the certificate's fingerprint
   * with TLS).
   */
  record ServerInfo(URI webSocket, String link, String joinText) {}

  /** Starts the embedded server once (later calls return the same info). */
  ServerInfo startEmbeddedServer() throws IOException;

  /**
   * Connects to {@code server} and starts logging in as {@code name}; the outcome arrives as a
   * {@code LoggedIn} or {@code LoginFailed} event, or an {@code Error} {@code untrusted-certificate}
   * when a {@code wss://} server's certificate is not trusted. Throws if the server cannot be reached.
   */
  Phone connect(URI server, String name, CallListener listener) throws IOException;

  /** The certificate last refused for {@code server}, if any. Never blocks (any thread). */
  Optional<ServerCertificate> refusedCertificate(URI server);

  /** Trusts {@code certificate} from now on: for this session at once, and remembered on disk. */
  void trust(ServerCertificate certificate) throws IOException;

  /** Stops the embedded server, if started. */
  void close();
}
