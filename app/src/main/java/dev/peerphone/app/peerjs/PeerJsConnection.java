package dev.peerphone.app.peerjs;

import com.google.gson.JsonObject;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.SessionDescription;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PeerJS connection with one peer: a media call ({@code mc_…}) or a DataConnection
 * ({@code dc_…}), its {@link PeerJsLink}, and the payloads PeerJS 1.5.5 sends for it. Routes the
 * link's events to {@link PeerJsCalls}. Confined to the call executor.
 */
final class PeerJsConnection implements PeerJsLink.Listener {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  final PeerJsCalls calls;
  final String peer;
  final String id;
  final boolean media;
  final boolean offerer;
  /** Data connections: the serialization; media: null. */
  final PeerJsData data;
  final boolean reliable;
  final String label;
  final long startNanos = System.nanoTime();
  boolean roulette;
  PeerJsLink link;
  /** An incoming media offer waiting for the user's accept. */
  SessionDescription pendingOffer;
  final List<IceCandidate> pendingCandidates = new ArrayList<>();
  /** Data connections: texts/values waiting for the channel to open. */
  final ArrayDeque<Object> outbox = new ArrayDeque<>();
  boolean open;
  boolean connected;
  boolean ended;
  boolean firstFrameReported;
  /** When this connection last opened or received: chat to the peer goes on the most recent one. */
  long lastActivity = System.nanoTime();
  long reportedFrames;

  PeerJsConnection(PeerJsCalls calls, String peer, String id, boolean media, boolean offerer, PeerJsData data,
      boolean reliable, String label) {
    this.calls = calls;
    this.peer = peer;
    this.id = id;
    this.media = media;
    this.offerer = offerer;
    this.data = data;
    this.reliable = reliable;
    this.label = label;
  }

  /** A new connection id as PeerJS makes them: {@code mc_} or {@code dc_} and random letters/digits. */
  static String newId(boolean media) {
    StringBuilder s = new StringBuilder(media ? "mc_" : "dc_");
    for (int i = 0; i < 12; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  String type() {
    return media ? "media" : "data";
  }

  long millis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Opens the link: the caller creates the channel (media: unordered, like PeerJS) and offers. */
  void start(PeerJsMedia engine, SessionDescription offer) {
    link = engine.openPeerJs(peer, calls.iceConfig(), media, this);
    if (offerer) {
      link.openChannel(label, !media && reliable);
      link.createOffer();
    } else {
      link.acceptOffer(offer);
    }
    for (IceCandidate c : pendingCandidates) {
      link.addRemoteCandidate(c);
    }
    pendingCandidates.clear();
  }

  void candidate(IceCandidate c) {
    if (link == null) {
      pendingCandidates.add(c);
    } else {
      link.addRemoteCandidate(c);
    }
  }

  /** Sends {@code value}; false when the channel is not open (the caller queues it). */
  boolean send(Object value) {
    if (!open || link == null) {
      return false;
    }
    for (PeerJsData.Frame f : data.encode(value)) {
      if (!link.send(f.bytes(), f.binary())) {
        return false;
      }
    }
    return true;
  }

  private boolean live() {
    return !ended && calls.isLive(this);
  }

  @Override
  public void localDescription(SessionDescription d) {
    if (!live()) {
      return;
    }
    JsonObject payload = new JsonObject();
    JsonObject sdp = new JsonObject();
    sdp.addProperty("type", d.type());
    sdp.addProperty("sdp", d.sdp());
    payload.add("sdp", sdp);
    payload.addProperty("type", type());
    payload.addProperty("connectionId", id);
    boolean isOffer = "offer".equals(d.type());
    if (isOffer && !media) {
      payload.addProperty("label", label);
      payload.addProperty("reliable", reliable);
      payload.addProperty("serialization", data.kind().wire);
    }
    calls.send(new PeerJsMessage(isOffer ? PeerJsMessage.OFFER : PeerJsMessage.ANSWER, peer, payload));
  }

  @Override
  public void localCandidate(IceCandidate c) {
    if (c == null || !live()) {
      return;
    }
    JsonObject candidate = new JsonObject();
    candidate.addProperty("candidate", c.candidate());
    candidate.addProperty("sdpMid", c.sdpMid());
    candidate.addProperty("sdpMLineIndex", c.sdpMLineIndex());
    JsonObject payload = new JsonObject();
    payload.add("candidate", candidate);
    payload.addProperty("type", type());
    payload.addProperty("connectionId", id);
    calls.send(new PeerJsMessage(PeerJsMessage.CANDIDATE, peer, payload));
  }

  @Override
  public void connected() {
    if (live() && !connected) {
      connected = true;
      if (media) {
        calls.emit(new CallEvent.CallConnected(peer, millis()));
        calls.connectedHook(this);
      }
    }
  }

  @Override
  public void channelOpen() {
    if (!live()) {
      return;
    }
    open = true;
    lastActivity = System.nanoTime();
    if (!media) {
      calls.dataOpen(this);
    }
  }

  @Override
  public void channelMessage(byte[] bytes, boolean binary) {
    if (!live() || media) {
      return; // PeerJS never sends on a media call's auxiliary channel
    }
    PeerJsData.Received r;
    try {
      r = data.decode(new PeerJsData.Frame(bytes, binary));
    } catch (PeerJsData.DataException | BinaryPack.FormatException e) {
      calls.emit(new CallEvent.Error("invalid-message", peer + " sent data we cannot read (" + data.kind().wire + "): "
          + e.getMessage()));
      return;
    }
    lastActivity = System.nanoTime();
    if (r instanceof PeerJsData.Value v) {
      calls.dataReceived(this, v.value());
    } else if (r instanceof PeerJsData.CloseRequest) {
      calls.end(this, "remote-hangup", true);
    }
  }

  @Override
  public void channelClosed() {
    open = false;
    if (live()) {
      calls.end(this, "remote-hangup", true);
    }
  }

  @Override
  public void firstVideoFrame(int width, int height) {
    if (live() && !firstFrameReported) {
      firstFrameReported = true;
      calls.emit(new CallEvent.FirstVideoFrame(peer, millis(), width, height));
    }
  }

  @Override
  public void failed(String code, String message) {
    if (live()) {
      calls.emit(new CallEvent.Error(code, message));
      calls.end(this, "failed", true);
    }
  }
}
