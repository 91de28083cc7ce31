package dev.peerphone.app.call;

import java.util.List;

/**
 * Everything the signaling server can tell the client, already parsed and validated at the edge
 * (the {@code net} package). {@code from} is the name the server stamped on a relayed message.
 */
public sealed interface Signal {
  /**
   * Login accepted. {@code relayOnly}: the server's {@code iceTransportPolicy} is {@code "relay"}
   * (false for {@code "all"} and for servers that send no policy).
   */
  record LoggedIn(String name, List<UserStatus> users, List<IceServer> iceServers, boolean relayOnly)
      implements Signal {
    public LoggedIn(String name, List<UserStatus> users, List<IceServer> iceServers) {
      this(name, users, iceServers, false);
    }
  }

  /** The reply to our {@code ice} request: fresh TURN credentials and the server's policy. */
  record Ice(List<IceServer> iceServers, boolean relayOnly) implements Signal {}

  /** Login refused: {@code name-taken}, {@code invalid-name}, {@code already-logged-in}, {@code not-allowed}. */
  record LoginFailed(String reason) implements Signal {}

  /** Presence update. */
  record Users(List<UserStatus> users) implements Signal {}

  /** A relayed SDP offer. */
  record Offer(String from, SessionDescription offer) implements Signal {}

  /** A relayed SDP answer. */
  record Answer(String from, SessionDescription answer) implements Signal {}

  /** A relayed candidate; {@code candidate} is null for the end-of-candidates marker. */
  record Candidate(String from, IceCandidate candidate) implements Signal {}

  /** The peer hung up, or disconnected from the server. */
  record Leave(String from) implements Signal {}

  /** The peer rings us. */
  record Ring(String from) implements Signal {}

  /** The peer accepted our ring: we send the offer now. */
  record Accept(String from) implements Signal {}

  /** The peer refused our ring ({@code busy}, {@code declined}, or null). */
  record Reject(String from, String reason) implements Signal {}

  /** A text relayed by the server (fallback when no DataChannel is open). */
  record Chat(String from, String text) implements Signal {}

  /**
   * Roulette paired us with {@code peer}; exactly one of the two is the initiator. {@code peerjs}:
   * the partner is a PeerJS page (docs/PEERJS.md, the bridge).
   */
  record Match(String peer, boolean initiator, boolean peerjs) implements Signal {
    public Match(String peer, boolean initiator) {
      this(peer, initiator, false);
    }
  }

  /**
   * A PeerJS message relayed by the server's bridge ({@code {type:"peerjs", name, message:{type,
   * payload}}}, docs/PEERJS.md): {@code from} is the PeerJS peer (stamped by the server),
   * {@code type} OFFER/ANSWER/CANDIDATE/LEAVE/EXPIRE, {@code payloadJson} the payload object as JSON text.
   */
  record PeerJs(String from, String type, String payloadJson) implements Signal {}

  /**
   * An error: from the server ({@code {type:"error"}}) or a message the client could not parse
   * ({@code invalid-message}). {@code name} is set for {@code unknown-user}.
   */
  record Error(String code, String message, String name) implements Signal {}
}
