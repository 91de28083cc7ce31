package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallListener;
import java.io.IOException;
import java.net.URI;

/**
 * How the view-model reaches the outside world: start the embedded signaling server and connect
 * a client. {@link ClientBackend} is the real one; tests pass a fake.
 *
 * <p>Threading: called on the model's engine worker thread; both methods may block.
 */
public interface Backend {
  /** The embedded server's addresses: where this app connects, and what others use to join. */
  record ServerInfo(URI webSocket, String joinText) {}

  /** Starts the embedded server once (later calls return the same info). */
  ServerInfo startEmbeddedServer() throws IOException;

  /**
   * Connects to {@code server} and starts logging in as {@code name}; the outcome arrives as a
   * {@code LoggedIn} or {@code LoginFailed} event. Throws if the server cannot be reached.
   */
  Phone connect(URI server, String name, CallListener listener) throws IOException;

  /** Stops the embedded server, if started. */
  void close();
}
