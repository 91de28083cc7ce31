package dev.peerphone.app.peerjs;

/**
 * The transport that carries {@link PeerJsMessage}s between us and PeerJS peers: a PeerServer we
 * registered on with our own id ({@link PeerServerSignals}), or our own signaling server's bridge
 * ({@link BridgeSignals}). The engine ({@link PeerJsCalls}) is the same over both.
 *
 * <p>Threading: {@link #send} may be called from any thread, never blocks and never throws (a
 * message sent while the transport is down is dropped and logged). {@link Listener} methods are
 * called on the transport's own thread and must hand off.
 */
public interface PeerJsSignals {
  /** Sends {@code m} to {@code m.peer()}. */
  void send(PeerJsMessage m);

  /** What the transport reports. */
  interface Listener {
    /** We are registered as {@code id} and can send and receive. */
    void opened(String id);

    /** A message from a PeerJS peer (or an {@code EXPIRE} for one we sent to a missing peer). */
    void received(PeerJsMessage m);

    /**
     * The transport failed for good ({@code code}: {@code unavailable-id}, {@code server-error},
     * {@code socket-closed}, ...), or reports a problem that does not end it ({@code fatal} false).
     */
    void failed(String code, String message, boolean fatal);
  }
}
