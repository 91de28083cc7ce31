package dev.peerphone.app.call;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the call state machine: what each incoming {@link Signal} does to the
 * {@link CallController}'s calls (rings, offers and glare, answers, candidates, leaves with their
 * grace period, accept/reject, server errors). The user's commands stay in the controller.
 *
 * <p>Threading: call executor only (the controller posts every signal there).
 */
final class IncomingSignals {
  private static final Logger log = LoggerFactory.getLogger(IncomingSignals.class);

  private final CallController ctl;
  private final SignalingPort signaling;
  private final CallOptions options;

  IncomingSignals(CallController ctl, SignalingPort signaling, CallOptions options) {
    this.ctl = ctl;
    this.signaling = signaling;
    this.options = options;
  }

  void dispatch(Signal signal) {
    // Java 17: no pattern matching for switch yet, so an instanceof chain; the default logs.
    if (signal instanceof Signal.LoggedIn m) {
      loggedIn(m);
    } else if (signal instanceof Signal.LoginFailed m) {
      ctl.emit(new CallEvent.LoginFailed(m.reason()));
    } else if (signal instanceof Signal.Ice m) {
      ctl.ice.update(m.iceServers(), m.relayOnly());
      ctl.emit(new CallEvent.RelayPolicy(m.relayOnly(), CallEvent.RelayPolicy.urls(m.iceServers())));
    } else if (signal instanceof Signal.Users m) {
      markPeerJs(m.users());
      ctl.emit(new CallEvent.UsersChanged(m.users()));
    } else if (signal instanceof Signal.Offer m) {
      incomingOffer(m.from(), m.offer());
    } else if (signal instanceof Signal.Answer m) {
      incomingAnswer(m.from(), m.answer());
    } else if (signal instanceof Signal.Candidate m) {
      incomingCandidate(m.from(), m.candidate());
    } else if (signal instanceof Signal.Leave m) {
      incomingLeave(m.from());
    } else if (signal instanceof Signal.Ring m) {
      incomingRing(m.from());
    } else if (signal instanceof Signal.Accept m) {
      accepted(m.from());
    } else if (signal instanceof Signal.Reject m) {
      rejected(m.from(), m.reason());
    } else if (signal instanceof Signal.Chat m) {
      ctl.emit(new CallEvent.ChatReceived(m.from(), m.text()));
    } else if (signal instanceof Signal.Match m) {
      ctl.roulette.matched(m.peer(), m.initiator(), m.peerjs());
    } else if (signal instanceof Signal.PeerJs m) {
      ctl.peerjs.incoming(m.from(), m.type(), m.payloadJson());
    } else if (signal instanceof Signal.Error m) {
      serverError(m);
    } else {
      log.warn("unhandled signal {}", signal);
    }
  }

  private void loggedIn(Signal.LoggedIn m) {
    ctl.signalingUp = true;
    ctl.myName = m.name();
    markPeerJs(m.users());
    ctl.ice.update(m.iceServers(), m.relayOnly());
    ctl.emit(new CallEvent.LoggedIn(m.name(), m.users()));
    ctl.emit(new CallEvent.RelayPolicy(m.relayOnly(), CallEvent.RelayPolicy.urls(m.iceServers())));
    ctl.relayUnavailable(); // says so now, not only when a call is tried
    ctl.roulette.loggedIn();
  }

  /** Presence says who is a PeerJS user: calls and chat to them take the PeerJS way. */
  private void markPeerJs(java.util.List<UserStatus> users) {
    for (UserStatus u : users) {
      ctl.peerjs.mark(u.name(), u.peerjs());
    }
  }

  private void incomingRing(String from) {
    if (ctl.calls.containsKey(CallController.key(from))) {
      return;
    }
    if (ctl.busy(from)) {
      signaling.reject(from, "busy");
      return;
    }
    Call c = new Call(from, Call.Phase.RINGING_IN, System.nanoTime(), false);
    ctl.calls.put(CallController.key(from), c);
    ctl.phase(c, "ring-received", c.startNanos);
    ctl.ice.refreshIfStale(); // while the user decides
    ctl.emit(new CallEvent.IncomingCall(from));
    if (options.autoAnswer()) {
      ctl.setup.acceptIncoming(from);
    }
  }

  private void incomingOffer(String from, SessionDescription offer) {
    Call c = ctl.calls.get(CallController.key(from));
    if (c == null) {
      if (ctl.busy(from)) {
        signaling.reject(from, "busy");
        return;
      }
      c = new Call(from, Call.Phase.RINGING_IN, System.nanoTime(), false);
      ctl.calls.put(CallController.key(from), c);
      c.pendingOffer = offer;
      ctl.ice.refreshIfStale(); // while the user decides
      ctl.emit(new CallEvent.IncomingCall(from));
      if (options.autoAnswer()) {
        ctl.setup.acceptIncoming(from);
      }
      return;
    }
    ctl.phase(c, "offer-received");
    switch (c.phase) {
      case RINGING_IN -> c.pendingOffer = offer;
      case RINGING_OUT -> {
        // They offered instead of accepting: take their offer.
        c.phase = Call.Phase.CONNECTING;
        ctl.links.start(c, false, offer);
      }
      case CONNECTING, CONNECTED -> {
        if (!c.mediaStarted()) {
          ctl.links.start(c, false, offer); // roulette partner's offer, or theirs while we await ICE
        } else if (c.offerer && c.phase == Call.Phase.CONNECTING) {
          resolveGlare(c, offer);
        } else {
          ctl.links.answer(c, offer); // renegotiation
        }
      }
    }
  }

  /** Both sides offered at once: the name that sorts first keeps its offer. */
  private void resolveGlare(Call c, SessionDescription theirOffer) {
    if (ctl.myName.compareToIgnoreCase(c.peer) < 0) {
      log.info("glare with {}: keeping our offer", c.peer);
      return;
    }
    log.info("glare with {}: taking their offer", c.peer);
    c.link.close();
    c.link = null;
    c.chatOpen = false;
    ctl.links.start(c, false, theirOffer);
  }

  private void incomingAnswer(String from, SessionDescription answer) {
    Call c = ctl.calls.get(CallController.key(from));
    if (c == null || !c.mediaStarted() || !c.offerer) {
      ctl.emit(new CallEvent.Error("unexpected-answer", "Answer from " + from + " without our offer"));
      return;
    }
    ctl.phase(c, "answer-received");
    c.link.acceptAnswer(answer);
  }

  private void incomingCandidate(String from, IceCandidate candidate) {
    Call c = ctl.calls.get(CallController.key(from));
    if (c == null || candidate == null || candidate.isEndOfCandidates()) {
      return;
    }
    if (c.mediaStarted()) {
      c.link.addRemoteCandidate(candidate);
    } else {
      c.pendingCandidates.add(candidate);
    }
  }

  private void incomingLeave(String from) {
    Call c = ctl.calls.get(CallController.key(from));
    if (c == null) {
      return;
    }
    if (c.phase != Call.Phase.CONNECTED || options.leaveGrace().isZero()) {
      ctl.end(c, "remote-hangup", false);
      return;
    }
    if (c.pendingLeave == null) {
      c.pendingLeave = ctl.executor.schedule(() -> CallController.guarded(() -> {
        if (ctl.calls.get(CallController.key(from)) == c) {
          ctl.end(c, "remote-hangup", false);
        }
      }), options.leaveGrace().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void accepted(String from) {
    Call c = ctl.calls.get(CallController.key(from));
    if (c == null || c.phase != Call.Phase.RINGING_OUT) {
      return;
    }
    c.phase = Call.Phase.CONNECTING;
    ctl.phase(c, "accept-received");
    ctl.emit(new CallEvent.Answered(c.peer));
    ctl.links.accepted(c);
  }

  private void rejected(String from, String reason) {
    Call c = ctl.calls.get(CallController.key(from));
    if (c != null) {
      ctl.end(c, reason == null ? "rejected" : reason, false);
    }
  }

  private void serverError(Signal.Error m) {
    if ("unknown-type".equals(m.code()) && "Command not found: ice".equals(m.message()) && ctl.ice.refused()) {
      return; // an older server: not the user's concern
    }
    ctl.emit(new CallEvent.Error(m.code(), m.message()));
    if ("unknown-user".equals(m.code()) && m.name() != null) {
      Call c = ctl.calls.get(CallController.key(m.name()));
      if (c != null) {
        ctl.end(c, "unknown-user", false);
      }
    }
  }
}
