package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.rtc.FrameTap;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's view-model: all window state as read-only properties, and the commands the
 * views call. Engine work goes through {@code worker}; engine events come back through {@code fx}.
 *
 * <p>Threading: properties, lists and commands belong to the FX thread ({@code fx}); the
 * {@link Phone} is touched only on the single {@code worker} thread (its calls may block). Tests
 * pass direct executors and a fake {@link Backend}.
 */
public final class PhoneModel {
  private static final Logger log = LoggerFactory.getLogger(PhoneModel.class);

  /** Which screen the window shows. */
  public enum Screen { SIGN_IN, MAIN }

  private final Backend backend;
  private final Executor fx;
  private final Executor worker;
  private final Clock clock;
  private final FrameTap frames;
  final Status status = new Status();
  /** Each call's latest and recent statistics, and whether their overlays show. */
  final StatsBook stats = new StatsBook();
  /** The ICE server URLs of the server's last login or {@code ice} reply (no credentials). */
  List<String> iceUrls = List.of();

  private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.SIGN_IN);
  private final ReadOnlyStringWrapper myName = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper peer = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<CallPhase> phase = new ReadOnlyObjectWrapper<>(CallPhase.IDLE);
  private final ReadOnlyBooleanWrapper audioOn = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper videoOn = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper relayOnly = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper serverRelay = new ReadOnlyBooleanWrapper();
  /** The user's relay-only choice, for the worker to apply to a phone that connects later. */
  private volatile boolean relayOnlyChoice;
  private final ObservableList<UserStatus> users = FXCollections.observableArrayList();
  private final ObservableList<ChatLine> chat = FXCollections.observableArrayList();
  // One read-only view each, kept: an unmodifiable wrapper listens to its list only weakly, so a
  // listener added to a fresh wrapper stopped firing once that wrapper was garbage-collected.
  private final ObservableList<UserStatus> usersView = FXCollections.unmodifiableObservableList(users);
  private final ObservableList<ChatLine> chatView = FXCollections.unmodifiableObservableList(chat);
  final Devices devices;
  final AudioModel audio;
  final ScreenShare screenShare;
  /** The tiles of several calls at once, who rings, whom chat goes to. */
  final CallTiles tiles;
  private final RouletteModel roulette;
  private final SignIn signIn;
  /** Active calls by peer, in the order they started (FX thread). */
  private final Map<String, CallPhase> calls = new LinkedHashMap<>();
  /** Worker thread only. */
  private Phone phone;
  /** Told each device, quality or relay choice the user makes (FX thread); see {@link #onChoice}. */
  private BiConsumer<String, String> choices = (key, value) -> { };

  public PhoneModel(Backend backend, Executor fx, Executor worker, Clock clock, FrameTap frames) {
    this.backend = backend;
    this.fx = fx;
    this.worker = worker;
    this.clock = clock;
    this.frames = frames;
    this.audio = new AudioModel(this::engine, notice::set, fx, clock, this::chosen);
    this.devices = new Devices(this::engine, fx, audio, this::chosen);
    this.screenShare = new ScreenShare(this::engine, notice::set, fx);
    this.tiles = new CallTiles(this::engine, this::chosen);
    this.roulette = new RouletteModel(this::engine, () -> screen.get() == Screen.MAIN);
    this.signIn = new SignIn(backend, fx, worker, clock, this::connected, this::onEvent, this::dropPhone);
  }

  // ---- properties ----

  public ReadOnlyObjectProperty<Screen> screenProperty() { return screen.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty signingInProperty() { return signIn.signingInProperty(); }
  public ReadOnlyStringProperty signInErrorProperty() { return signIn.errorProperty(); }
  public ReadOnlyStringProperty myNameProperty() { return myName.getReadOnlyProperty(); }
  /** With the embedded server: the address (and browser link) others use to join. */
  public ReadOnlyStringProperty joinInfoProperty() { return signIn.joinInfoProperty(); }
  /** With the embedded server: the link others open in a browser or on a phone, or "". */
  public ReadOnlyStringProperty joinLinkProperty() { return signIn.joinLinkProperty(); }
  /** A server certificate waiting for the user's decision ({@link #trustServer}/{@link #distrustServer}), or null. */
  public ReadOnlyObjectProperty<ServerCertificate> untrustedServerProperty() { return signIn.untrustedProperty(); }
  /** The latest thing worth telling: a missing device, a call that ended, an error. */
  public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
  /** Who is ringing us, or "". */
  public ReadOnlyStringProperty incomingCallerProperty() { return tiles.incomingProperty(); }
  /** The peer of the current (first) call, or "". */
  public ReadOnlyStringProperty peerProperty() { return peer.getReadOnlyProperty(); }
  public ReadOnlyObjectProperty<CallPhase> phaseProperty() { return phase.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty audioOnProperty() { return audioOn.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty videoOnProperty() { return videoOn.getReadOnlyProperty(); }
  public ReadOnlyBooleanProperty rouletteOnProperty() { return roulette.onProperty(); }
  /** "Hide my IP address (relay through TURN)": all media through the server's TURN relay. */
  public ReadOnlyBooleanProperty relayOnlyProperty() { return relayOnly.getReadOnlyProperty(); }
  /** The server relays everybody's media through TURN ({@code --relay-only}): addresses are hidden anyway. */
  public ReadOnlyBooleanProperty serverRelayProperty() { return serverRelay.getReadOnlyProperty(); }
  public ReadOnlyStringProperty rouletteStatusProperty() { return roulette.statusProperty(); }
  /** "Signaling: connected · Data channel: open · Media: connected · direct (host/udp) · 3 ms · 01:23". */
  public ReadOnlyStringProperty statusLineProperty() { return status.line(); }
  public ReadOnlyStringProperty titleProperty() { return status.title(); }
  /** Other online users with their status. */
  public ObservableList<UserStatus> users() { return usersView; }
  public ObservableList<ChatLine> chat() { return chatView; }
  /** Peers whose video is shown, one tile each. */
  public ObservableList<String> remotePeers() { return tiles.peers(); }
  /** Peers that paused their camera. */
  public ObservableSet<String> videoPaused() { return tiles.videoPaused(); }
  /** Several calls at once: the option, the tiles, per-tile hang-up and mute, the chat recipient. */
  public CallTiles tiles() { return tiles; }
  public Devices devices() { return devices; }
  /** Microphones, speakers, the input level, who is speaking, rings. */
  public AudioModel audio() { return audio; }
  public ScreenShare screenShare() { return screenShare; }

  /** Whether each call's statistics show over its video (the call bar's toggle, Ctrl+I). */
  public javafx.beans.property.BooleanProperty statsShownProperty() { return stats.shown(); }

  /** The server text of the last successful sign-in ("" for the embedded server). */
  public String signedInServer() { return signIn.server(); }

  /**
   * Tells {@code listener} every choice the user makes from now on, as {@code (key, value)}:
   * {@code camera}, {@code microphone}, {@code speaker} (the engine's device names), {@code video}
   * ({@code WxH@FPS}) and {@code relayOnly} ({@code true}/{@code false}). What the engine picks by
   * itself (a default device, a device that went away) is not a choice.
   */
  public void onChoice(BiConsumer<String, String> listener) {
    choices = listener;
  }

  private void chosen(String key, String value) {
    choices.accept(key, value);
  }

  // ---- commands (FX thread) ----

  /** Signs in; an empty {@code server} starts the embedded server and connects to it. */
  public void signIn(String name, String server) {
    if (screen.get() != Screen.MAIN) {
      signIn.start(name, server);
    }
  }

  /** Trusts the certificate in {@link #untrustedServerProperty()} (remembered) and signs in again. */
  public void trustServer() {
    signIn.trust();
  }

  /** Refuses the certificate in {@link #untrustedServerProperty()}: stays on the sign-in screen. */
  public void distrustServer() {
    signIn.distrust();
  }

  /** Rings {@code name}. */
  public void call(String name) {
    String n = name == null ? "" : name.trim();
    if (n.isEmpty() || screen.get() != Screen.MAIN) {
      return;
    }
    if (n.equalsIgnoreCase(myName.get())) {
      notice.set("That is you.");
      return;
    }
    if (!tiles.multiCallProperty().get() && !calls.isEmpty() && !calls.containsKey(n)) {
      notice.set("Already in a call: allow several calls in the settings to add another.");
      return;
    }
    calls.putIfAbsent(n, CallPhase.CALLING);
    refreshCall();
    engine(p -> p.call(n));
  }

  public void accept() {
    String caller = tiles.takeIncoming();
    if (!caller.isEmpty()) {
      calls.put(caller, CallPhase.CONNECTING);
      refreshCall();
      engine(p -> p.accept(caller));
    }
  }

  public void reject() {
    String caller = tiles.takeIncoming();
    if (!caller.isEmpty()) {
      refreshCall(); // the ringtone stops now, not when the server confirms
      engine(p -> p.reject(caller));
    }
  }

  /** Hangs up every call (in roulette mode: leaves the partner and the queue). */
  public void hangUp() {
    for (String p : new ArrayList<>(calls.keySet())) {
      engine(ph -> ph.hangup(p));
    }
  }

  /** Sends chat to {@link CallTiles#chatTo}, else the first call; false (and a notice) if nobody. */
  public boolean sendChat(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String to = tiles.recipient(peer.get());
    if (to.isEmpty()) {
      notice.set("Not in a call: nobody to send to.");
      return false;
    }
    chat.add(new ChatLine(myName.get(), to, now(), text, ChatLine.Delivery.PENDING));
    engine(p -> p.sendChat(to, text));
    return true;
  }

  /** Pauses or resumes the microphone; the choice stays for later calls. */
  public void setAudioOn(boolean on) {
    if (audioOn.get() != on) {
      audioOn.set(on);
      engine(p -> p.setPaused("audio", !on));
    }
  }

  /** Pauses or resumes the camera; the choice stays for later calls. */
  public void setVideoOn(boolean on) {
    if (videoOn.get() != on) {
      videoOn.set(on);
      engine(p -> p.setPaused("video", !on));
    }
  }

  /**
   * Hides our IP address from peers (or stops hiding it) for calls set up from now on. Without a
   * TURN server on the signaling server the notice says calls cannot connect.
   */
  public void setRelayOnly(boolean on) {
    if (relayOnly.get() != on) {
      relayOnly.set(on);
      relayOnlyChoice = on;
      chosen("relayOnly", Boolean.toString(on));
      engine(p -> p.setRelayOnly(on));
    }
  }

  public void startRoulette() { roulette.start(); }
  public void nextStranger() { roulette.next(); }
  public void stopRoulette() { roulette.stop(); }

  /** Shows or hides the statistics over each call's video. */
  public void toggleStats() {
    stats.shown().set(!stats.shown().get());
  }

  /**
   * The "Copy diagnostics" text: versions, OS, devices in use, the server and ICE server URLs, and
   * each recent call's last readings. No secrets ({@link Diagnostics}).
   */
  public String diagnostics() {
    return Diagnostics.of(this);
  }

  /** Call once a second: the call duration in the status line and title; the sign-in timeout. */
  public void tick() {
    signIn.tick();
    status.refresh(this);
  }

  /** Hangs up, disconnects, stops the embedded server; completes when done. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    worker.execute(() -> {
      try {
        if (phone != null) {
          audio.detach(phone);
          phone.close();
          phone = null;
        }
        backend.close();
      } catch (RuntimeException e) {
        log.warn("close: {}", e.toString());
      } finally {
        done.complete(null);
      }
    });
    return done;
  }

  // ---- worker side ----

  /** Runs {@code action} with the phone on the worker; dropped before sign-in. */
  void engine(Consumer<Phone> action) {
    worker.execute(() -> {
      if (phone != null) {
        try {
          action.accept(phone);
        } catch (RuntimeException e) {
          log.warn("engine command failed", e);
          fx.execute(() -> notice.set("Failed: " + e.getMessage()));
        }
      }
    });
  }

  /** Worker thread: the signed-in client of the current attempt. */
  private void connected(Phone p) {
    phone = p;
    if (relayOnlyChoice) {
      p.setRelayOnly(true);
    }
    p.setFrameTap(frames);
    tiles.connected(p);
    screenShare.attach(p);
    devices.load(p);
    audio.attach(p);
  }

  /** After a refused or unanswered login: drop this client so the next attempt starts clean. */
  private void dropPhone() {
    worker.execute(() -> {
      if (phone != null) {
        audio.detach(phone);
        phone.close();
        phone = null;
      }
    });
  }

  // ---- events (FX thread) ----

  void onEvent(CallEvent event) {
    new EventHandler(this).handle(event);
  }

  // Package-private mutators for EventHandler (same thread rules as above).

  void loggedIn(String name, List<UserStatus> list) {
    myName.set(name);
    signIn.loggedIn();
    screen.set(Screen.MAIN);
    status.signaling = "connected";
    setUsers(list);
  }

  void loginFailed(String reason) {
    if (screen.get() == Screen.MAIN) {
      notice.set("Sign-in refused after reconnecting: " + reason);
      return;
    }
    signIn.refused(reason);
  }

  void setUsers(List<UserStatus> list) {
    users.setAll(list.stream().filter(u -> !u.name().equals(myName.get())).toList());
  }

  Map<String, CallPhase> calls() { return calls; }
  ObservableList<ChatLine> chatLines() { return chat; }
  ReadOnlyStringWrapper noticeWrapper() { return notice; }
  ReadOnlyStringWrapper rouletteStatusWrapper() { return roulette.statusWrapper(); }
  ReadOnlyBooleanWrapper serverRelayWrapper() { return serverRelay; }
  Clock clock() { return clock; }

  LocalTime now() {
    return LocalTime.now(clock).withNano(0);
  }

  /** Recomputes the current peer and phase from {@link #calls}. */
  void refreshCall() {
    Map.Entry<String, CallPhase> first = calls.entrySet().stream().findFirst().orElse(null);
    peer.set(first == null ? "" : first.getKey());
    phase.set(first == null ? CallPhase.IDLE : first.getValue());
    audio.callsChanged(tiles.incomingProperty().get(), calls);
    status.refresh(this);
  }
}
