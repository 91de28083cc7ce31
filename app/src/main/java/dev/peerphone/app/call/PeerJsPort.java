package dev.peerphone.app.call;

/**
 * The PeerJS side of the engine as {@link CallController} sees it (implemented in {@code peerjs}):
 * calls, chat and roulette with PeerJS users reached through our server's bridge
 * (docs/PEERJS.md). The controller routes a command here when {@link #handles} says the peer is a
 * PeerJS user (marked by presence, a match, or a PeerJS message from it); everyone else keeps
 * the existing flow.
 *
 * <p>Threading: every method on the call executor.
 */
public interface PeerJsPort {
  /** Does nothing and handles nobody: a controller without PeerJS support. */
  PeerJsPort NONE = new PeerJsPort() {
    @Override
    public boolean handles(String peer) {
      return false;
    }
  };

  boolean handles(String peer);

  default void mark(String peer, boolean peerjs) {}

  default void call(String peer) {}

  default void accept(String peer) {}

  /** Hangs up the PeerJS way: closes every connection with {@code peer}. */
  default void hangup(String peer, String reason) {}

  default void sendChat(String peer, String text) {}

  /** Roulette paired us with PeerJS user {@code peer}: the initiator calls it, else it calls us. */
  default void rouletteMatched(String peer, boolean initiator) {}

  /** A PeerJS message the bridge relayed ({@link Signal.PeerJs}). */
  default void incoming(String from, String type, String payloadJson) {}

  /** Told when a PeerJS media call ends ({@code byUs}: we hung up or it failed). */
  default void onCallEnded(Ended listener) {}

  default void shutdown() {}

  /** See {@link #onCallEnded}. */
  interface Ended {
    void callEnded(String peer, String reason, boolean roulette, boolean byUs);

    /** A PeerJS media call connected. */
    default void callConnected(String peer, boolean roulette) {}
  }
}
