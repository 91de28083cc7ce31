package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ClientMessage;
import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.Names;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.util.Map;

/**
 * A logged-in Peerphone user's targeted message (signals, call, accept, reject, leave, chat,
 * peerjs): relayed to a user of this node with the sender stamped and the call and ringing state
 * kept, handed to the {@link PeerJsBridge} when a PeerJS client is involved, and to
 * {@link CrossNode} for a name no user of this node holds. Confined to the core thread, like the
 * {@link Hub} that owns it.
 */
final class LocalRelay {
  private final Map<String, Session> byKey;
  private final PeerJsBridge peerJs;
  private final CrossNode crossNode;
  private final Metrics metrics;
  /** The hub's call bookkeeping. */
  private final PeerJsBridge.HubSide calls;

  LocalRelay(Map<String, Session> byKey, PeerJsBridge peerJs, CrossNode crossNode, Metrics metrics,
      PeerJsBridge.HubSide calls) {
    this.byKey = byKey;
    this.peerJs = peerJs;
    this.crossNode = crossNode;
    this.metrics = metrics;
    this.calls = calls;
  }

  void targeted(Session s, ClientMessage.Targeted m) {
    Session target = byKey.get(Names.key(m.target()));
    if (peerJs.intercepts(s, target, m)) {
      return; // a peerjs message, or any message to a PeerJS client
    }
    if (target == null) {
      crossNode.send(s, m); // on another node, or unknown-user
      return;
    }
    if (target == s) {
      error(s, ErrorCode.INVALID_MESSAGE, "A message cannot be addressed to yourself");
      return;
    }
    if (m instanceof ClientMessage.Signal signal) {
      if (!(signal instanceof ClientMessage.Candidate)) {
        calls.inCall(s, target);
      }
      relay(target, signal.type(), ServerMessages.signal(signal.type(), s.quotedName, signal.payloadJson()));
    } else if (m instanceof ClientMessage.Call) {
      if (!target.ring) {
        // A classic page answers offers at once and ignores call: answer for it (PROTOCOL, Features).
        if (target.inCall()) {
          s.link.send(ServerMessages.reject(target.quotedName, "busy"));
        } else {
          s.link.send(ServerMessages.autoAccept(target.quotedName));
        }
        return;
      }
      s.ringing.add(target);
      target.ringing.add(s);
      relay(target, "call", ServerMessages.fromSender("call", s.quotedName));
    } else if (m instanceof ClientMessage.Accept) {
      calls.inCall(s, target);
      relay(target, "accept", ServerMessages.fromSender("accept", s.quotedName));
    } else if (m instanceof ClientMessage.Reject r) {
      calls.endCall(s, target);
      relay(target, "reject", ServerMessages.reject(s.quotedName, r.reason()));
    } else if (m instanceof ClientMessage.Leave) {
      calls.endCall(s, target);
      relay(target, "leave", ServerMessages.fromSender("leave", s.quotedName));
    } else if (m instanceof ClientMessage.Chat c) {
      relay(target, "chat", ServerMessages.chat(s.quotedName, c.text()));
    }
  }

  private void relay(Session target, String type, String json) {
    target.link.send(json);
    metrics.relayed(type);
  }

  private void error(Session s, ErrorCode code, String message) {
    metrics.error(code);
    s.link.send(ServerMessages.error(code, message));
  }
}
