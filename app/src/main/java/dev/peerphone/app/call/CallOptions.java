package dev.peerphone.app.call;

import java.time.Duration;

/**
 * How the engine treats incoming calls.
 *
 * @param autoAnswer accept every ring and offer without asking (headless peers, bots)
 * @param multiCall accept calls while already in one instead of rejecting them with {@code busy}
 * @param leaveGrace how long a {@code leave} for a call with connected media waits before it ends
 *     the call. During a server shutdown the hub may relay a {@code leave} for a peer that is in
 *     fact still there; if our own connection drops within this window the leave is ignored and
 *     the media keeps running. A real hangup from a Peerphone peer also arrives as a DataChannel
 *     {@code bye} and ends the call at once.
 * @param relayOnly the user's own choice to hide their IP address: all media through a TURN relay
 *     (whatever the server's policy)
 * @param traceSetup report each call-setup step as a {@link CallEvent.SetupPhase} (the call-setup
 *     benchmark; it also polls libwebrtc's statistics every 10 ms until the first frames pass)
 */
public record CallOptions(boolean autoAnswer, boolean multiCall, Duration leaveGrace, boolean relayOnly,
    boolean traceSetup) {
  public static CallOptions defaults() {
    return new CallOptions(false, false, Duration.ofMillis(1500), false, false);
  }

  public CallOptions withTraceSetup(boolean v) {
    return new CallOptions(autoAnswer, multiCall, leaveGrace, relayOnly, v);
  }

  public CallOptions withAutoAnswer(boolean v) {
    return new CallOptions(v, multiCall, leaveGrace, relayOnly, traceSetup);
  }

  public CallOptions withMultiCall(boolean v) {
    return new CallOptions(autoAnswer, v, leaveGrace, relayOnly, traceSetup);
  }

  public CallOptions withLeaveGrace(Duration v) {
    return new CallOptions(autoAnswer, multiCall, v, relayOnly, traceSetup);
  }

  public CallOptions withRelayOnly(boolean v) {
    return new CallOptions(autoAnswer, multiCall, leaveGrace, v, traceSetup);
  }
}
