package dev.peerphone.app.call;

import java.util.List;

/** What the call engine reports to its listener (UI, headless printer, tests). */
public sealed interface CallEvent {
  record LoggedIn(String name, List<UserStatus> users) implements CallEvent {}

  record LoginFailed(String reason) implements CallEvent {}

  /** The signaling connection dropped; calls keep running, the client reconnects by itself. */
  record SignalingLost() implements CallEvent {}

  record UsersChanged(List<UserStatus> users) implements CallEvent {}

  /** Somebody rings us or offers straight away. */
  record IncomingCall(String peer) implements CallEvent {}

  /** Our ring was delivered and is waiting for the peer's answer. */
  record Ringing(String peer) implements CallEvent {}

  /** The peer accepted our ring: media is being set up (the ringback should stop now). */
  record Answered(String peer) implements CallEvent {}

  /** Media connected; {@code setupMs} counts from the call's start (our ring or their offer). */
  record CallConnected(String peer, long setupMs) implements CallEvent {}

  /** The chat channel opened. */
  record ChatOpen(String peer, long setupMs) implements CallEvent {}

  /**
   * One step of a call's setup, only with {@link CallOptions#traceSetup}: {@code phase} is e.g.
   * {@code call-sent}, {@code offer-received}, {@code ice-connected}, {@code first-frame-decoded};
   * {@code nanos} is {@link System#nanoTime} when it happened (compare across peers of one JVM).
   */
  record SetupPhase(String peer, String phase, long nanos) implements CallEvent {}

  /** The first remote video frame arrived. */
  record FirstVideoFrame(String peer, long setupMs, int width, int height) implements CallEvent {}

  record ChatReceived(String peer, String text) implements CallEvent {}

  /** A chat text we sent was delivered to the channel. */
  record ChatSent(String peer, String text) implements CallEvent {}

  /** A queued chat text could not be delivered because the call ended first. */
  record ChatUndelivered(String peer, String text) implements CallEvent {}

  /** The peer paused or resumed its {@code audio}/{@code video} track. */
  record RemoteTrackPaused(String peer, String kind, boolean paused) implements CallEvent {}

  /** Once per second while remote video arrives; {@code frames} is the running total. */
  record RemoteVideo(String peer, long frames, int width, int height) implements CallEvent {}

  /**
   * Once per second while remote audio plays out: {@code level} is the last second's RMS level,
   * 0 (silence) to 1 (full scale), {@code dbfs} the same in decibels (-120 for silence).
   */
  record RemoteAudio(String peer, double level, double dbfs) implements CallEvent {}

  /**
   * Once per second per connected call: the candidate pair in use (types, not addresses), its
   * round-trip time, bit rates, frame rates and inbound loss, from libwebrtc's statistics.
   */
  record Stats(String peer, CallStats stats) implements CallEvent {}

  /**
   * The call is over. Reasons: {@code hangup} (we), {@code remote-hangup}, {@code rejected},
   * {@code busy}, {@code declined}, {@code next}, {@code failed}, {@code shutdown}, {@code unknown-user},
   * {@code relay-unavailable} (relay-only without a TURN server: the call was not placed or answered).
   */
  record CallEnded(String peer, String reason) implements CallEvent {}

  record Match(String peer, boolean initiator) implements CallEvent {}

  /** Roulette status line: "Waiting for a free peer", "Connected to a peer", or "" when stopped. */
  record RouletteStatus(String status) implements CallEvent {}

  /**
   * The server's ICE policy, from the login and {@code ice} replies: {@code relayOnly} when it tells
   * every client to relay all media through TURN ({@code iceTransportPolicy:"relay"}), and the URLs
   * of the ICE servers it gave (URLs only: never usernames or credentials), for diagnostics.
   */
  record RelayPolicy(boolean relayOnly, List<String> iceUrls) implements CallEvent {
    public RelayPolicy {
      iceUrls = List.copyOf(iceUrls);
    }

    public RelayPolicy(boolean relayOnly) {
      this(relayOnly, List.of());
    }

    /** The URLs of {@code servers}, in order. */
    public static List<String> urls(List<IceServer> servers) {
      return servers.stream().flatMap(s -> s.urls().stream()).toList();
    }
  }

  /** A typed error (from the server, or bad input detected by the client). */
  record Error(String code, String message) implements CallEvent {}
}
