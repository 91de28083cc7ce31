package dev.peerphone.app.peerjs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each PeerJS message from a peer does to {@link PeerJsCalls}' connections: OFFER opens (or
 * replaces) a media call or DataConnection, ANSWER and CANDIDATE go to theirs, LEAVE and EXPIRE
 * end everything with the peer. A payload that does not fit gets a typed {@code invalid-message}.
 *
 * <p>Threading: call executor only.
 */
final class PeerJsIncoming {
  private static final Logger log = LoggerFactory.getLogger(PeerJsIncoming.class);

  private final PeerJsCalls calls;

  PeerJsIncoming(PeerJsCalls calls) {
    this.calls = calls;
  }

  void dispatch(PeerJsMessage m) {
    calls.markPeerJs(m.peer(), true);
    switch (m.type()) {
      case PeerJsMessage.OFFER -> offer(m);
      case PeerJsMessage.ANSWER -> {
        PeerJsConnection c = connection(m);
        SessionDescription d = description(m);
        if (c != null && c.offerer && c.link != null && d != null) {
          c.link.acceptAnswer(d);
        }
      }
      case PeerJsMessage.CANDIDATE -> {
        PeerJsConnection c = connection(m);
        IceCandidate ic = candidate(m.payload());
        if (c != null && ic != null) {
          c.candidate(ic);
        }
      }
      case PeerJsMessage.LEAVE -> calls.leftNow(m.peer());
      case PeerJsMessage.EXPIRE -> {
        calls.emit(new CallEvent.Error("peer-unavailable", "Could not connect to peer " + m.peer()));
        calls.hangupNow(m.peer(), "unknown-user");
      }
      default -> log.info("peerjs: unhandled {} from {}", m.type(), m.peer());
    }
  }

  private void offer(PeerJsMessage m) {
    JsonObject p = m.payload();
    String id = m.connectionId();
    SessionDescription offer = description(m);
    String type = PeerJsMessage.str(p, "type");
    if (id == null || offer == null || !("media".equals(type) || "data".equals(type))) {
      calls.emit(new CallEvent.Error("invalid-message", "PeerJS OFFER from " + m.peer()
          + " needs connectionId, sdp and type media|data"));
      return;
    }
    PeerJsConnection old = calls.connections.get(id);
    if (old != null) {
      calls.end(old, "replaced", false); // PeerJS closes a connection offered again
    }
    if ("media".equals(type)) {
      PeerJsConnection c = new PeerJsConnection(calls, m.peer(), id, true, false, null, false, null);
      c.roulette = calls.rouletteCallers.remove(PeerJsCalls.key(m.peer()));
      calls.connections.put(id, c);
      calls.emit(new CallEvent.IncomingCall(m.peer()));
      if (calls.autoAnswer || c.roulette) {
        c.start(calls.engine, offer);
      } else {
        c.pendingOffer = offer;
      }
      return;
    }
    PeerJsData.Kind kind = PeerJsData.Kind.of(PeerJsMessage.str(p, "serialization"));
    if (kind == null) {
      calls.emit(new CallEvent.Error("invalid-message", m.peer() + " offered a DataConnection with serialization '"
          + PeerJsMessage.str(p, "serialization") + "'; supported: binary, json, raw"));
      return;
    }
    String label = PeerJsMessage.str(p, "label");
    boolean reliable = p.has("reliable") && p.get("reliable").isJsonPrimitive() && p.get("reliable").getAsBoolean();
    PeerJsConnection c = new PeerJsConnection(calls, m.peer(), id, false, false, new PeerJsData(kind), reliable,
        label == null ? id : label);
    calls.connections.put(id, c);
    c.start(calls.engine, offer);
  }

  private PeerJsConnection connection(PeerJsMessage m) {
    String id = m.connectionId();
    PeerJsConnection c = id == null ? null : calls.connections.get(id);
    return c != null && c.peer.equalsIgnoreCase(m.peer()) ? c : null;
  }

  private static SessionDescription description(PeerJsMessage m) {
    JsonElement e = m.payload() == null ? null : m.payload().get("sdp");
    if (e == null || !e.isJsonObject()) {
      return null;
    }
    String type = PeerJsMessage.str(e.getAsJsonObject(), "type");
    String sdp = PeerJsMessage.str(e.getAsJsonObject(), "sdp");
    return type == null || sdp == null ? null : new SessionDescription(type, sdp);
  }

  private static IceCandidate candidate(JsonObject payload) {
    JsonElement e = payload == null ? null : payload.get("candidate");
    if (e == null || !e.isJsonObject()) {
      return null;
    }
    JsonObject c = e.getAsJsonObject();
    String text = PeerJsMessage.str(c, "candidate");
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonElement index = c.get("sdpMLineIndex");
    return new IceCandidate(text, PeerJsMessage.str(c, "sdpMid"),
        index != null && index.isJsonPrimitive() ? index.getAsInt() : 0);
  }
}
