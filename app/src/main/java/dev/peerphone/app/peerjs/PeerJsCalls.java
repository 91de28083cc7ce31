package dev.peerphone.app.peerjs;

import com.google.gson.JsonObject;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallListener;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.call.PeerLink;
import dev.peerphone.app.call.SessionDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java peer's PeerJS engine: media calls and DataConnections with PeerJS peers, exactly as
 * PeerJS 1.5.5 makes and answers them (one RTCPeerConnection per connection id, hang-up by closing
 * it, chat over a DataConnection it opens on first use), reporting the same {@link CallEvent}s as
 * the Peerphone call engine so the UI and the headless printer need nothing new. It works over
 * any {@link PeerJsSignals}: on its own on a PeerServer ({@link #standalone}), or inside
 * {@code CallController} over our server's bridge.
 *
 * <p>Threading: public methods may be called from any thread and only post to the call executor,
 * where all state lives; the {@code …Now} methods are for code already on it (CallController).
 * Transport callbacks post too. Link events arrive on the executor.
 */
public final class PeerJsCalls implements PeerJsSignals.Listener {
  private static final Logger log = LoggerFactory.getLogger(PeerJsCalls.class);

  /** What the owner (CallController) hears about ended connections; call executor. */
  public interface Hooks {
    /** A media call ended; {@code byUs} when we hung up or failed. */
    void callEnded(String peer, String reason, boolean roulette, boolean byUs);

    /** A media call connected. */
    default void callConnected(String peer, boolean roulette) {}
  }

  private final ScheduledExecutorService executor;
  final PeerJsMedia engine;
  private final Supplier<IceConfig> ice;
  private final CallListener listener;
  final boolean autoAnswer;
  private final boolean standalone;
  private PeerJsSignals signals;
  private Hooks hooks = (peer, reason, roulette, byUs) -> { };
  private volatile BiConsumer<String, Object> onData = (peer, value) -> { };
  /** By connection id. */
  final Map<String, PeerJsConnection> connections = new LinkedHashMap<>();
  /** Lower-case names known to be PeerJS peers (presence, match, their messages). */
  private final Set<String> known = new HashSet<>();
  /** Roulette partners whose media offer we wait for (they call us). */
  final Set<String> rouletteCallers = new HashSet<>();
  private ScheduledFuture<?> ticker;
  private final PeerJsIncoming incoming = new PeerJsIncoming(this);

  /**
   * {@code standalone}: registered on a PeerServer of our own: its {@code OPEN} is our log-in
   * ({@link CallEvent.LoggedIn}) and every peer is a PeerJS peer.
   */
  public PeerJsCalls(ScheduledExecutorService executor, PeerJsMedia engine, Supplier<IceConfig> ice,
      boolean autoAnswer, boolean standalone, CallListener listener) {
    this.executor = executor;
    this.engine = engine;
    this.ice = ice;
    this.autoAnswer = autoAnswer;
    this.standalone = standalone;
    this.listener = listener;
    post(() -> ticker = executor.scheduleAtFixedRate(() -> guarded(this::report), 1, 1, TimeUnit.SECONDS));
  }

  /** The transport; set once, before it starts. */
  public void attach(PeerJsSignals s) {
    this.signals = s;
  }

  /** Who hears about calls ending and connecting; call executor. */
  public void setHooksNow(Hooks h) {
    hooks = h;
  }

  /** Every value received on any DataConnection, decoded (tests, echo); on the call executor. */
  public void setOnData(BiConsumer<String, Object> consumer) {
    onData = consumer;
  }

  // ---- commands (any thread) ----

  public void call(String peer) {
    post(() -> callNow(peer, false));
  }

  public void accept(String peer) {
    post(() -> acceptNow(peer));
  }

  public void hangup(String peer) {
    post(() -> hangupNow(peer, "hangup"));
  }

  public void sendChat(String peer, String text) {
    post(() -> sendNow(peer, text, true));
  }

  /** Sends any value BinaryPack/JSON can carry (String, Number, Boolean, null, byte[], List, Map). */
  public void sendData(String peer, Object value) {
    post(() -> sendNow(peer, value, false));
  }

  /** Opens a DataConnection with the given serialization (chat then uses it). */
  public void connect(String peer, PeerJsData.Kind kind) {
    post(() -> openData(peer, kind));
  }

  /** Ends every connection (peers see their connections close). */
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          for (PeerJsConnection c : new ArrayList<>(connections.values())) {
            end(c, "shutdown", false);
          }
          if (ticker != null) {
            ticker.cancel(false);
          }
        } finally {
          done.complete(null);
        }
      });
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
    return done;
  }

  // ---- for CallController (call executor) ----

  /** Whether {@code peer} is a PeerJS peer (marked, or has a connection with us). */
  public boolean handles(String peer) {
    return standalone || known.contains(key(peer)) || connections.values().stream().anyMatch(c -> c.peer.equalsIgnoreCase(peer));
  }

  public void markPeerJs(String peer, boolean peerjs) {
    if (peerjs) {
      known.add(key(peer));
    } else {
      known.remove(key(peer));
    }
  }

  /** Whether a media call with {@code peer} is set up or running. */
  public boolean inCall(String peer) {
    return mediaWith(peer) != null;
  }

  public void callNow(String peer, boolean roulette) {
    markPeerJs(peer, true);
    if (mediaWith(peer) != null) {
      emit(new CallEvent.Error("already-in-call", "Already in a call with " + peer));
      return;
    }
    String id = PeerJsConnection.newId(true);
    // PeerJS names the auxiliary channel after the connection's label, which a media call lacks
    // ("undefined" in the page); nobody reads it, so the connection id serves.
    PeerJsConnection c = new PeerJsConnection(this, peer, id, true, true, null, false, id);
    c.roulette = roulette;
    connections.put(c.id, c);
    emit(new CallEvent.Ringing(peer));
    c.start(engine, null);
  }

  public void acceptNow(String peer) {
    PeerJsConnection c = mediaWith(peer);
    if (c != null && c.link == null && c.pendingOffer != null) {
      SessionDescription offer = c.pendingOffer;
      c.pendingOffer = null;
      c.start(engine, offer);
    }
  }

  /** Ends every connection with {@code peer} (the PeerJS hang-up: close the PeerConnections). */
  public void hangupNow(String peer, String reason) {
    endAll(peer, reason, false, !reason.equals("unknown-user"));
  }

  /** {@code peer} sent LEAVE (or the server did for it): every connection with it ends, nothing is sent back. */
  void leftNow(String peer) {
    endAll(peer, "remote-hangup", true, false);
  }

  private void endAll(String peer, String reason, boolean remote, boolean tell) {
    for (PeerJsConnection c : new ArrayList<>(connections.values())) {
      if (c.peer.equalsIgnoreCase(peer)) {
        end(c, reason, remote, tell);
      }
    }
  }

  /** Roulette paired us with PeerJS {@code peer}: the initiator calls, else we wait for its call. */
  public void rouletteMatched(String peer, boolean initiator) {
    markPeerJs(peer, true);
    if (initiator) {
      callNow(peer, true);
    } else {
      rouletteCallers.add(key(peer));
    }
  }

  public void sendNow(String peer, Object value, boolean chat) {
    PeerJsConnection open = null;
    PeerJsConnection opening = null;
    for (PeerJsConnection c : connections.values()) {
      if (!c.media && c.peer.equalsIgnoreCase(peer)) {
        if (c.open) {
          open = open == null || c.lastActivity >= open.lastActivity ? c : open; // the one the peer used last
        } else {
          opening = c;
        }
      }
    }
    try {
      if (open != null && open.outbox.isEmpty() && open.send(value)) {
        if (chat) {
          emit(new CallEvent.ChatSent(peer, (String) value));
        }
        return;
      }
    } catch (PeerJsData.DataException | BinaryPack.FormatException e) {
      emit(new CallEvent.Error("invalid-message", "Cannot send to " + peer + ": " + e.getMessage()));
      if (chat) {
        emit(new CallEvent.ChatUndelivered(peer, (String) value));
      }
      return;
    }
    PeerJsConnection target = open != null ? open : opening != null ? opening : openData(peer, PeerJsData.Kind.BINARY);
    target.outbox.add(value);
  }

  private PeerJsConnection openData(String peer, PeerJsData.Kind kind) {
    markPeerJs(peer, true);
    String id = PeerJsConnection.newId(false);
    PeerJsConnection c = new PeerJsConnection(this, peer, id, false, true, new PeerJsData(kind), true, id);
    connections.put(id, c);
    c.start(engine, null);
    return c;
  }

  // ---- from the transport (any thread) ----

  @Override
  public void opened(String id) {
    post(() -> {
      if (standalone) {
        emit(new CallEvent.LoggedIn(id, List.of()));
      }
    });
  }

  @Override
  public void received(PeerJsMessage m) {
    post(() -> dispatch(m));
  }

  @Override
  public void failed(String code, String message, boolean fatal) {
    post(() -> {
      emit(new CallEvent.Error(code, message));
      if (fatal && standalone) {
        emit(new CallEvent.LoginFailed(code));
      }
    });
  }

  /** One message from a PeerJS peer; call executor. */
  public void dispatch(PeerJsMessage m) {
    incoming.dispatch(m);
  }

  // ---- from connections (call executor) ----

  IceConfig iceConfig() {
    return ice.get();
  }

  void send(PeerJsMessage m) {
    if (signals == null) {
      log.warn("peerjs: no transport; dropped {} to {}", m.type(), m.peer());
      return;
    }
    signals.send(m);
  }

  void connectedHook(PeerJsConnection c) {
    hooks.callConnected(c.peer, c.roulette);
  }

  boolean isLive(PeerJsConnection c) {
    return connections.get(c.id) == c;
  }

  void dataOpen(PeerJsConnection c) {
    emit(new CallEvent.ChatOpen(c.peer, c.millis()));
    while (!c.outbox.isEmpty()) {
      Object value = c.outbox.peek();
      try {
        if (!c.send(value)) {
          return;
        }
      } catch (PeerJsData.DataException | BinaryPack.FormatException e) {
        emit(new CallEvent.Error("invalid-message", "Cannot send to " + c.peer + ": " + e.getMessage()));
      }
      c.outbox.poll();
      if (value instanceof String s) {
        emit(new CallEvent.ChatSent(c.peer, s));
      }
    }
  }

  void dataReceived(PeerJsConnection c, Object value) {
    emit(new CallEvent.ChatReceived(c.peer, PeerJsData.displayText(value)));
    try {
      onData.accept(c.peer, value);
    } catch (Throwable t) {
      log.warn("peerjs: data consumer failed", t);
    }
  }

  /** Ends {@code c} as {@link #end(PeerJsConnection, String, boolean, boolean)} does, telling the peer. */
  void end(PeerJsConnection c, String reason, boolean remote) {
    end(c, reason, remote, !reason.equals("shutdown"));
  }

  /**
   * Ends {@code c}: closes its PeerConnection (how PeerJS hangs up), reports what was lost. When
   * it is a media call and {@code tell}, sends LEAVE: a PeerJS page sends nothing when a call
   * ends, and the server ends its "busy" bookkeeping for the two of them on a LEAVE (or a
   * disconnect) only; the page closes whatever it still has with us. Not for a roulette partner
   * (the server ends that pair on next/stop by itself), and not for a DataConnection, which the
   * server does not count as a call: a LEAVE there could close a call the page is just starting.
   */
  void end(PeerJsConnection c, String reason, boolean remote, boolean tell) {
    if (c.ended) {
      return;
    }
    c.ended = true;
    connections.remove(c.id, c);
    if (c.link != null) {
      c.link.close();
    }
    for (Object v : c.outbox) {
      if (v instanceof String s) {
        emit(new CallEvent.ChatUndelivered(c.peer, s));
      }
    }
    c.outbox.clear();
    if (c.media) {
      emit(new CallEvent.CallEnded(c.peer, reason));
      hooks.callEnded(c.peer, reason, c.roulette, !remote);
    }
    if (tell && c.media && !c.roulette) {
      send(new PeerJsMessage(PeerJsMessage.LEAVE, c.peer, new JsonObject()));
    }
  }

  private PeerJsConnection mediaWith(String peer) {
    for (PeerJsConnection c : connections.values()) {
      if (c.media && c.peer.equalsIgnoreCase(peer)) {
        return c;
      }
    }
    return null;
  }

  private void report() {
    for (PeerJsConnection c : connections.values()) {
      if (c.media && c.link != null) {
        PeerLink.VideoStats s = c.link.remoteVideo();
        if (s.frames() > c.reportedFrames) {
          c.reportedFrames = s.frames();
          emit(new CallEvent.RemoteVideo(c.peer, s.frames(), s.width(), s.height()));
        }
      }
    }
  }

  /** Reports {@code e} to the listener (call executor). */
  public void emit(CallEvent e) {
    try {
      listener.onEvent(e);
    } catch (Throwable t) {
      log.warn("listener failed on {}", e, t);
    }
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private void post(Runnable task) {
    try {
      executor.execute(() -> guarded(task));
    } catch (RejectedExecutionException e) {
      log.debug("call executor stopped; dropping task");
    }
  }

  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      log.error("peerjs: call executor task failed", t);
    }
  }
}
