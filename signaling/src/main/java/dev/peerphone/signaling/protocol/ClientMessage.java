package dev.peerphone.signaling.protocol;

/**
 * Every message a client may send, one record per {@code type} of PROTOCOL.md. Instances are
 * only made by {@link MessageDecoder}, so every field has been checked for presence and type.
 */
public sealed interface ClientMessage {

  /** A message addressed to another user by name. */
  sealed interface Targeted extends ClientMessage {
    /** The target's name as the client wrote it (not yet looked up). */
    String target();
  }

  /**
   * offer, answer and candidate: relayed verbatim with the sender stamped. {@code payloadJson}
   * is the raw JSON of the payload field ("null" for an end-of-candidates candidate).
   */
  sealed interface Signal extends Targeted {
    String payloadJson();

    /** The wire type, also the payload field's name. */
    String type();
  }

  /**
   * {@code ring}: the client announced {@code features:["ring"]} (handles call/accept/reject).
   * {@code token}: the resume token of an earlier login (PROTOCOL, Resuming), or null.
   */
  record Login(String name, boolean ring, String token, boolean peerJs) implements ClientMessage {
    /** A login without {@code features:["peerjs"]}. */
    public Login(String name, boolean ring, String token) {
      this(name, ring, token, false);
    }

    /** Never shows the token (it is a secret): records print every field by default. */
    @Override
    public String toString() {
      return "Login[name=" + name + ", ring=" + ring + ", peerJs=" + peerJs + ", token="
          + (token == null ? "none" : "***") + "]";
    }
  }

  record Offer(String target, String payloadJson) implements Signal {
    public String type() {
      return "offer";
    }
  }

  record Answer(String target, String payloadJson) implements Signal {
    public String type() {
      return "answer";
    }
  }

  record Candidate(String target, String payloadJson) implements Signal {
    public String type() {
      return "candidate";
    }
  }

  record Leave(String target) implements Targeted {}

  /**
   * A message for a PeerJS peer (docs/PEERJS.md): {@code {type:"peerjs", name, message:{type,
   * payload}}}; {@code peerJsType} is {@code OFFER}, {@code ANSWER}, {@code CANDIDATE} or
   * {@code LEAVE}, {@code payloadJson} the payload's raw JSON or null.
   */
  record PeerJs(String target, String peerJsType, String payloadJson) implements Targeted {}

  record Call(String target) implements Targeted {}

  record Accept(String target) implements Targeted {}

  /** {@code reason} is "busy" or "declined" (the default when the client gave none). */
  record Reject(String target, String reason) implements Targeted {}

  record Chat(String target, String text) implements Targeted {}

  record Users() implements ClientMessage {}

  /** Asks for fresh ICE servers (new TURN credentials) and the policy. */
  record Ice() implements ClientMessage {}

  record Find() implements ClientMessage {}

  record Next() implements ClientMessage {}

  record Stop() implements ClientMessage {}

  record Ping() implements ClientMessage {}
}
