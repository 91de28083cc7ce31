package dev.peerphone.app.peerjs;

/**
 * {@link PeerJsSignals} over our own signaling connection: each message goes out as the bridge's
 * {@code {type:"peerjs", name, message:{type, payload}}} envelope (docs/PEERJS.md) through
 * {@code SignalingClient.peerjs}; incoming envelopes reach {@link PeerJsBridge#incoming}. Our
 * login announces {@code "peerjs"} in its features, so the server sends them to us.
 */
public final class BridgeSignals implements PeerJsSignals {
  /** Sends one envelope; never blocks or throws (SignalingClient drops it while down). */
  @FunctionalInterface
  public interface Sender {
    void send(String peer, String type, String payloadJson);
  }

  private final Sender sender;

  public BridgeSignals(Sender sender) {
    this.sender = sender;
  }

  @Override
  public void send(PeerJsMessage m) {
    sender.send(m.peer(), m.type(), m.payload().toString());
  }
}
