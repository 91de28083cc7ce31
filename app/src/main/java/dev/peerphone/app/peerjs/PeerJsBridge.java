package dev.peerphone.app.peerjs;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.PeerJsPort;

/**
 * {@link PeerJsPort} for {@code CallController}: the PeerJS engine ({@link PeerJsCalls}) used
 * inside a Peerphone client, its messages carried by {@link BridgeSignals}. Call executor only.
 */
public final class PeerJsBridge implements PeerJsPort {
  private final PeerJsCalls calls;

  public PeerJsBridge(PeerJsCalls calls) {
    this.calls = calls;
  }

  @Override
  public boolean handles(String peer) {
    return calls.handles(peer);
  }

  @Override
  public void mark(String peer, boolean peerjs) {
    calls.markPeerJs(peer, peerjs);
  }

  @Override
  public void call(String peer) {
    calls.callNow(peer, false);
  }

  @Override
  public void accept(String peer) {
    calls.acceptNow(peer);
  }

  @Override
  public void hangup(String peer, String reason) {
    calls.hangupNow(peer, reason);
  }

  @Override
  public void sendChat(String peer, String text) {
    calls.sendNow(peer, text, true);
  }

  @Override
  public void rouletteMatched(String peer, boolean initiator) {
    calls.rouletteMatched(peer, initiator);
  }

  @Override
  public void incoming(String from, String type, String payloadJson) {
    JsonElement payload;
    try {
      payload = JsonParser.parseString(payloadJson);
    } catch (RuntimeException e) {
      payload = null;
    }
    if (payload == null || !payload.isJsonObject()) {
      calls.emit(new CallEvent.Error("invalid-message", "PeerJS " + type + " from " + from + " without a payload object"));
      return;
    }
    calls.dispatch(new PeerJsMessage(type, from, payload.getAsJsonObject()));
  }

  @Override
  public void onCallEnded(Ended listener) {
    calls.setHooksNow(new PeerJsCalls.Hooks() {
      @Override
      public void callEnded(String peer, String reason, boolean roulette, boolean byUs) {
        listener.callEnded(peer, reason, roulette, byUs);
      }

      @Override
      public void callConnected(String peer, boolean roulette) {
        listener.callConnected(peer, roulette);
      }
    });
  }

  @Override
  public void shutdown() {
    calls.shutdown();
  }
}
