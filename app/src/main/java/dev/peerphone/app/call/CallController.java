package dev.peerphone.app.call;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call state machine: one {@link Call} per remote user, several at once; ringing, direct
 * offers (the classic tutorial flow), busy handling, chat with an outbox, pause notices and the
 * roulette client.
 *
 * <p>Threading: every public method may be called from any thread; it only posts a task to the
 * call executor. All state is confined to that single-thread executor, which is also the thread
 * every {@link PeerLink} method runs on and every {@link CallListener} event is delivered on.
 */
public final class CallController {
  private static final Logger log = LoggerFactory.getLogger(CallController.class);

  final ScheduledExecutorService executor;
  private final SignalingPort signaling;
  private final MediaEngine media;
  private final CallListener listener;
  private final CallOptions options;
  final Roulette roulette;
  private final IncomingSignals incoming;

  // Confined to the call executor; package-private for IncomingSignals, which shares it.
  final Map<String, Call> calls = new LinkedHashMap<>();
  final IceCredentials ice;
  /** Each call's media link: offers, answers, candidates (package-private for IncomingSignals and CallSetup). */
  final Links links;
  final CallSetup setup;
  String myName = "";
  /** PeerJS users through the server's bridge (docs/PEERJS.md); NONE until enabled. */
  PeerJsPort peerjs = PeerJsPort.NONE;
  boolean signalingUp;
  /** Starts as {@link CallOptions#multiCall}; the user may change it ({@link #setMultiCall}). */
  private boolean multiCall;
  private ScheduledFuture<?> mediaTicker;

  public CallController(
      ScheduledExecutorService callExecutor,
      SignalingPort signaling,
      MediaEngine media,
      CallOptions options,
      CallListener listener) {
    this(callExecutor, signaling, media, options, listener, Clock.systemUTC());
  }

  /** With the clock that decides when ICE credentials are stale (tests). */
  CallController(ScheduledExecutorService callExecutor, SignalingPort signaling, MediaEngine media,
      CallOptions options, CallListener listener, Clock clock) {
    this.executor = callExecutor;
    this.signaling = signaling;
    this.media = media;
    this.options = options;
    this.multiCall = options.multiCall();
    this.listener = listener;
    this.roulette = new Roulette(this, signaling);
    this.incoming = new IncomingSignals(this, signaling, options);
    this.ice = new IceCredentials(signaling, callExecutor, clock, options.relayOnly());
    this.links = new Links(this, signaling, media, ice);
    this.setup = new CallSetup(this, signaling, ice, links);
    post(() -> mediaTicker = executor.scheduleAtFixedRate(
        () -> guarded(() -> links.report(calls.values())), 1, 1, TimeUnit.SECONDS));
  }

  /**
   * Lets this engine call, chat with and be matched with PeerJS users: commands for a peer that
   * {@code port} handles go there, everyone else keeps the existing flow.
   */
  public void enablePeerJs(PeerJsPort port) {
    post(() -> {
      peerjs = port;
      port.onCallEnded(new PeerJsPort.Ended() {
        @Override
        public void callEnded(String peer, String reason, boolean roulette, boolean byUs) {
          if (roulette) {
            CallController.this.roulette.peerJsEnded(peer, reason, byUs);
          }
        }

        @Override
        public void callConnected(String peer, boolean roulette) {
          if (roulette) {
            CallController.this.roulette.peerJsConnected(peer);
          }
        }
      });
    });
  }

  /** The ICE servers and policy calls use now (call executor only; the PeerJS engine asks). */
  public IceConfig iceConfig() {
    return ice.config();
  }

  // ---- user commands ----

  /** Rings {@code peer} ({@code call}); the offer follows its {@code accept}. */
  public void call(String peer) {
    post(() -> setup.startOutgoing(peer, true));
  }

  /** Offers to {@code peer} at once, without ringing (what tutorial pages expect). */
  public void callDirect(String peer) {
    post(() -> setup.startOutgoing(peer, false));
  }

  /** Accepts a ringing or offered incoming call. */
  public void accept(String peer) {
    post(() -> {
      if (!calls.containsKey(key(peer)) && peerjs.handles(peer)) {
        peerjs.accept(peer);
      } else {
        setup.acceptIncoming(peer);
      }
    });
  }

  /**
   * Accept calls while already in one ({@code true}) or answer them {@code busy}; calls already
   * running go on either way.
   */
  public void setMultiCall(boolean on) {
    post(() -> multiCall = on);
  }

  /** Declines a ringing incoming call. */
  public void reject(String peer) {
    post(() -> {
      Call c = calls.get(key(peer));
      if (c != null && c.phase == Call.Phase.RINGING_IN) {
        signaling.reject(c.peer, "declined");
        end(c, "declined", false);
      } else if (c == null && peerjs.handles(peer)) {
        peerjs.hangup(peer, "declined"); // PeerJS has no "reject": the caller sees its call close
      }
    });
  }

  /** Hangs up the call with {@code peer}: the peer is told over the DataChannel and the server. */
  public void hangup(String peer) {
    post(() -> {
      Call c = calls.get(key(peer));
      if (c == null) {
        if (roulette.isPeerJsPartner(peer)) {
          roulette.stop();
        } else if (peerjs.handles(peer)) {
          peerjs.hangup(peer, "hangup");
        }
        return;
      }
      if (c.roulette) {
        roulette.stop();
      } else {
        end(c, "hangup", true);
      }
    });
  }

  /** Sends chat text; queued until the call's channel opens, relayed by the server if there is no call. */
  public void sendChat(String peer, String text) {
    post(() -> {
      Call c = calls.get(key(peer));
      if (c == null && peerjs.handles(peer)) {
        peerjs.sendChat(peer, text); // over a DataConnection, as PeerJS pages chat
      } else if (c == null) {
        signaling.chat(peer, text);
        emit(new CallEvent.ChatSent(peer, text));
      } else if (c.chatOpen && c.link.sendChat(text)) {
        emit(new CallEvent.ChatSent(c.peer, text));
      } else {
        c.outbox.add(text);
      }
    });
  }

  /** Pauses or resumes the local {@code audio}/{@code video} track and tells every peer. */
  public void setPaused(String kind, boolean paused) {
    post(() -> {
      media.setEnabled(kind, !paused);
      for (Call c : calls.values()) {
        if (c.chatOpen) {
          c.link.sendControl(Control.track(kind, paused));
        }
      }
    });
  }

  /**
   * The user's own choice to hide their IP address: calls set up from now on relay all media through
   * TURN (calls already connected keep their path). Says so at once if no TURN server is known.
   */
  public void setRelayOnly(boolean relayOnly) {
    post(() -> {
      ice.setUserRelayOnly(relayOnly);
      if (relayOnly && signalingUp) {
        relayUnavailable();
      }
    });
  }

  /** Roulette: join the queue ("Waiting for a free peer"). */
  public void find() {
    post(() -> {
      if (!relayUnavailable()) {
        roulette.find();
      }
    });
  }

  /** Roulette: hang up the current partner and queue again. */
  public void next() {
    post(roulette::next);
  }

  /** Roulette: leave the queue and the current partner. */
  public void stopRoulette() {
    post(roulette::stop);
  }

  /** Ends every call (peers are told) and stops the engine's timers. */
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          roulette.off();
          for (Call c : new ArrayList<>(calls.values())) {
            end(c, "shutdown", true);
          }
          peerjs.shutdown();
          if (mediaTicker != null) {
            mediaTicker.cancel(false);
          }
        } catch (Throwable t) {
          log.warn("shutdown", t);
        } finally {
          done.complete(null);
        }
      });
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
    return done;
  }

  // ---- from the signaling client ----

  /** A message from the server; may be called from any thread. */
  public void onSignal(Signal signal) {
    post(() -> incoming.dispatch(signal));
  }

  /** The signaling connection dropped; calls keep their media, a pending leave is ignored. */
  public void signalingDown() {
    post(() -> {
      if (!signalingUp) {
        return;
      }
      signalingUp = false;
      ice.signalingDown();
      for (Call c : calls.values()) {
        if (c.pendingLeave != null) {
          log.info("ignoring leave from {}: our signaling dropped right after it", c.peer);
          c.pendingLeave.cancel(false);
          c.pendingLeave = null;
        }
      }
      emit(new CallEvent.SignalingLost());
    });
  }

  // ---- media ----

  /**
   * Relay-only is on but no TURN server was given: says so (a {@code relay-unavailable} error)
   * instead of a call that would never connect.
   */
  boolean relayUnavailable() {
    if (!ice.relayUnavailable()) {
      return false;
    }
    emit(new CallEvent.Error("relay-unavailable", ice.relayUnavailableMessage()));
    return true;
  }

  /** Still the live call for its peer? Link events for a replaced or ended call are dropped. */
  boolean isLive(Call c) {
    return calls.get(key(c.peer)) == c;
  }

  void onConnected(Call c) {
    c.phase = Call.Phase.CONNECTED;
    emit(new CallEvent.CallConnected(c.peer, millisSince(c)));
    if (c.roulette) {
      roulette.connected();
    }
  }

  /** Ends {@code c}: tells the peer if asked, closes media, reports undelivered chat. */
  void end(Call c, String reason, boolean tellPeer) {
    if (!isLive(c)) {
      return;
    }
    calls.remove(key(c.peer));
    if (c.pendingLeave != null) {
      c.pendingLeave.cancel(false);
    }
    if (tellPeer && !c.roulette) {
      // Roulette partners are told by the server (next/stop gives them a leave), and must hear it
      // that way: a page that ends on our bye would not know to queue again.
      if (c.chatOpen) {
        c.link.sendControl(Control.bye());
      }
      signaling.leave(c.peer);
    }
    if (c.link != null) {
      c.link.close();
    }
    for (String text : c.outbox) {
      emit(new CallEvent.ChatUndelivered(c.peer, text));
    }
    c.outbox.clear();
    emit(new CallEvent.CallEnded(c.peer, reason));
    if (c.roulette) {
      roulette.ended(reason, tellPeer);
    }
  }

  Call rouletteCall() {
    return calls.values().stream().filter(c -> c.roulette).findFirst().orElse(null);
  }

  boolean busy(String exceptPeer) {
    if (multiCall) {
      return false;
    }
    String k = key(exceptPeer);
    return calls.keySet().stream().anyMatch(other -> !other.equals(k));
  }

  /** Reports a setup step of {@code c} if the options ask for it ({@link CallOptions#traceSetup}). */
  void phase(Call c, String name, long nanos) {
    if (options.traceSetup()) {
      emit(new CallEvent.SetupPhase(c.peer, name, nanos));
    }
  }

  void phase(Call c, String name) {
    phase(c, name, System.nanoTime());
  }

  boolean tracing() {
    return options.traceSetup();
  }

  static long millisSince(Call c) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c.startNanos);
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  void emit(CallEvent e) {
    try {
      listener.onEvent(e);
    } catch (Throwable t) {
      log.warn("listener failed on {}", e, t);
    }
  }

  private void post(Runnable task) {
    try {
      executor.execute(() -> guarded(task));
    } catch (RejectedExecutionException e) {
      log.debug("call executor stopped; dropping task");
    }
  }

  static void guarded(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      log.error("call executor task failed", t);
    }
  }
}
