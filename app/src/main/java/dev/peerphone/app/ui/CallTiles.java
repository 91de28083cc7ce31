package dev.peerphone.app.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The several-calls part of the view-model (the proctor grid): whether several calls at once are
 * allowed ("Allow several calls", as in the browser client), the peers shown as video tiles in the
 * order their video came, who paused their camera, whom the user muted for themselves only, who
 * rings (one shown at a time, the others waiting behind), and whom chat goes to.
 *
 * <p>Threading: FX thread ({@code fx} of the model); engine work goes through {@code engine}, the
 * model's worker. No engine state is kept here: a tile's call state is the model's.
 */
public final class CallTiles {
  private final Consumer<Consumer<Phone>> engine;
  private final BiConsumer<String, String> chosen;
  private final ReadOnlyBooleanWrapper multiCall = new ReadOnlyBooleanWrapper();
  /** The option for the worker to apply to a phone that signs in later. */
  private volatile boolean multiCallChoice;
  private final ObservableList<String> peers = FXCollections.observableArrayList();
  private final ObservableSet<String> videoPaused = FXCollections.observableSet();
  private final ObservableSet<String> mutedForMe = FXCollections.observableSet();
  // Kept, not made per call: an unmodifiable wrapper listens to its list only weakly.
  private final ObservableList<String> peersView = FXCollections.unmodifiableObservableList(peers);
  private final ObservableSet<String> videoPausedView = FXCollections.unmodifiableObservableSet(videoPaused);
  private final ObservableSet<String> mutedView = FXCollections.unmodifiableObservableSet(mutedForMe);
  private final ReadOnlyStringWrapper chatTo = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper incoming = new ReadOnlyStringWrapper("");
  /** Callers ringing behind {@link #incoming}, oldest first. */
  private final Deque<String> waiting = new ArrayDeque<>();
  private final ReadOnlyIntegerWrapper waitingCount = new ReadOnlyIntegerWrapper(0);

  /** {@code chosen}: told {@code ("multiCall", "true"|"false")} when the user changes the option. */
  CallTiles(Consumer<Consumer<Phone>> engine, BiConsumer<String, String> chosen) {
    this.engine = engine;
    this.chosen = chosen;
  }

  /** "Allow several calls": calls are accepted while in one (else the engine answers busy). */
  public ReadOnlyBooleanProperty multiCallProperty() { return multiCall.getReadOnlyProperty(); }
  /** The peers whose video is shown, one tile each, in the order their video came. */
  public ObservableList<String> peers() { return peersView; }
  /** Peers that paused their camera (their tile shows "Camera off"). */
  public ObservableSet<String> videoPaused() { return videoPausedView; }
  /** Peers whose audio is not played here ("mute for me"); they still send. */
  public ObservableSet<String> mutedForMe() { return mutedView; }
  /** Whom chat goes to while in several calls ("" = the first call). */
  public ReadOnlyStringProperty chatToProperty() { return chatTo.getReadOnlyProperty(); }
  /** Who rings us now, or "" (one at a time; the banner shows the next when this one is answered). */
  ReadOnlyStringProperty incomingProperty() { return incoming.getReadOnlyProperty(); }
  /** How many more callers ring behind {@link #incomingProperty} (the banner says so). */
  public ReadOnlyIntegerProperty waitingCallersProperty() { return waitingCount.getReadOnlyProperty(); }

  // ---- commands (FX thread) ----

  /** Allows several calls at once, or not (calls already running go on); remembered as a choice. */
  public void setMultiCall(boolean on) {
    if (multiCall.get() != on) {
      apply(on);
      chosen.accept("multiCall", Boolean.toString(on));
    }
  }

  /** As {@link #setMultiCall} without telling the settings (the saved choice, the command line). */
  void apply(boolean on) {
    multiCall.set(on);
    multiCallChoice = on;
    engine.accept(p -> p.setMultiCall(on));
  }

  /** Hangs up the call with {@code peer} only. */
  public void hangUp(String peer) {
    if (peer != null && !peer.isEmpty()) {
      engine.accept(p -> p.hangup(peer));
    }
  }

  /** Stops (or restarts) playing {@code peer}'s audio here; the peer is not told and still sends. */
  public void setMutedForMe(String peer, boolean muted) {
    if (!peers.contains(peer) || mutedForMe.contains(peer) == muted) {
      return;
    }
    if (muted) {
      mutedForMe.add(peer);
    } else {
      mutedForMe.remove(peer);
    }
    engine.accept(p -> p.setRemoteMuted(peer, muted));
  }

  /** Sends chat to {@code peer} from now on (one of {@link #peers}). */
  public void chatTo(String peer) {
    if (peer != null && peers.contains(peer)) {
      chatTo.set(peer);
    }
  }

  /**
   * Per peer whose audio arrived, whether the engine plays it here (false: muted for me), as the
   * engine reports it: for tests and diagnostics. Completes on the worker; empty before sign-in.
   */
  public CompletableFuture<Map<String, Boolean>> playing() {
    CompletableFuture<Map<String, Boolean>> f = new CompletableFuture<>();
    engine.accept(p -> f.complete(p.remotePlaying()));
    return f;
  }

  // ---- the model's side (FX thread unless noted) ----

  /** Worker: a phone signed in; it gets the option as it stands. */
  void connected(Phone p) {
    if (multiCallChoice) {
      p.setMultiCall(true);
    }
  }

  /** {@code peer}'s call has media: give it a tile. */
  void show(String peer) {
    if (!peers.contains(peer)) {
      peers.add(peer);
    }
    if (chatTo.get().isEmpty()) {
      chatTo.set(peer);
    }
  }

  void paused(String peer, boolean paused) {
    if (paused) {
      videoPaused.add(peer);
    } else {
      videoPaused.remove(peer);
    }
  }

  /** {@code peer}'s call ended: its tile goes, the others re-flow; chat goes to the next call. */
  void ended(String peer) {
    ringingOver(peer);
    peers.remove(peer);
    videoPaused.remove(peer);
    mutedForMe.remove(peer);
    if (peer.equals(chatTo.get())) {
      chatTo.set(peers.isEmpty() ? "" : peers.get(0));
    }
  }

  /** Whom a chat message goes to: the chosen peer while it has a tile, else {@code first}. */
  String recipient(String first) {
    return peers.contains(chatTo.get()) ? chatTo.get() : first;
  }

  /** {@code peer} rings us: shown at once, or after the callers already ringing. */
  void ringing(String peer) {
    if (incoming.get().isEmpty()) {
      incoming.set(peer);
    } else if (!incoming.get().equals(peer) && !waiting.contains(peer)) {
      waiting.add(peer);
    }
    waitingCount.set(waiting.size());
  }

  /** {@code peer} no longer rings (answered, refused, gave up): the next caller shows. */
  void ringingOver(String peer) {
    if (peer.equals(incoming.get())) {
      String next = waiting.poll();
      incoming.set(next == null ? "" : next);
    } else {
      waiting.remove(peer);
    }
    waitingCount.set(waiting.size());
  }

  /** Takes the caller shown now ("" if none); the next one shows. */
  String takeIncoming() {
    String caller = incoming.get();
    ringingOver(caller);
    return caller;
  }
}
