package dev.peerphone.app.audio;

import static dev.peerphone.app.audio.PulseLib.SUBSCRIPTION_EVENT_FACILITY_MASK;
import static dev.peerphone.app.audio.PulseLib.SUBSCRIPTION_EVENT_REMOVE;
import static dev.peerphone.app.audio.PulseLib.SUBSCRIPTION_EVENT_TYPE_MASK;

import dev.peerphone.app.audio.PulseClient.Device;
import dev.peerphone.app.audio.PulseClient.Server;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AudioServer} on PulseAudio or PipeWire's pulse server, spoken to through libpulse (JNA),
 * with no command-line tool. It lists sources and sinks, follows changes through a subscription,
 * and moves this process's libwebrtc streams with {@code pa_context_move_*_by_name}.
 *
 * <p>Threading: one daemon thread, "pulse-client" ({@link PulseClient}), makes every libpulse
 * call and alone touches the fields marked "client thread" and the two {@link StreamRouter}s.
 * Public methods either read {@link #snapshot} (volatile, immutable) or post a task to that
 * thread, so none of them blocks; listeners run on that thread.
 */
public final class PulseAudio implements AudioServer {
  private static final Logger log = LoggerFactory.getLogger(PulseAudio.class);
  /** A local server answers in milliseconds; 5 s leaves room for a loaded machine (and a first JNA use). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int EVENTS = PulseLib.SUBSCRIPTION_MASK_SINK | PulseLib.SUBSCRIPTION_MASK_SOURCE
      | PulseLib.SUBSCRIPTION_MASK_SINK_INPUT | PulseLib.SUBSCRIPTION_MASK_SOURCE_OUTPUT
      | PulseLib.SUBSCRIPTION_MASK_SERVER;

  private record Snapshot(String description, List<Endpoint> microphones, List<Endpoint> speakers,
      Optional<String> defaultMicrophone, Optional<String> defaultSpeaker) {}

  private final PulseClient client;
  private final StreamRouter recording;
  private final StreamRouter playback;
  private final List<Runnable> devicesListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Fallback>> fallbackListeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile Snapshot snapshot =
      new Snapshot("not connected", List.of(), List.of(), Optional.empty(), Optional.empty());

  // Client thread only.
  private Server server;
  private List<Device> sinks = List.of();
  private long refreshesSent;
  private boolean refreshing;
  private boolean refreshAgain;
  private boolean flushPosted;
  private boolean devicesChanged;
  private boolean recordingChanged;
  private boolean playbackChanged;

  private PulseAudio(PulseClient client, long processId) {
    this.client = client;
    this.recording = new StreamRouter(Direction.RECORDING, client, processId);
    this.playback = new StreamRouter(Direction.PLAYBACK, client, processId);
  }

  /**
   * Connects to the desktop's sound server the standard way ({@code PULSE_SERVER}, client.conf,
   * the user's socket), never starting one, and reads its devices. Empty within about 5 s if
   * there is no libpulse (e.g. macOS, Windows) or no server answers.
   *
   * @param appName the application name the server shows for this client
   */
  public static Optional<AudioServer> connect(String appName) {
    Objects.requireNonNull(appName, "appName"); // libpulse refuses a nameless client
    return connect(appName, null, CONNECT_TIMEOUT).map(AudioServer.class::cast);
  }

  /** As {@link #connect(String)}, to an explicit {@code server} (null: the standard way). */
  static Optional<PulseAudio> connect(String appName, String server, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<PulseClient> client = PulseClient.open(appName, server, timeout);
    if (client.isEmpty()) {
      return Optional.empty();
    }
    PulseAudio audio = new PulseAudio(client.get(), ProcessHandle.current().pid());
    client.get().post(audio::start);
    try {
      audio.started.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return Optional.of(audio);
    } catch (TimeoutException | ExecutionException e) {
      log.warn("sound server connected but did not list its devices in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    audio.close();
    return Optional.empty();
  }

  @Override
  public String describe() {
    return snapshot.description();
  }

  @Override
  public List<Endpoint> microphones() {
    return snapshot.microphones();
  }

  @Override
  public List<Endpoint> speakers() {
    return snapshot.speakers();
  }

  @Override
  public Optional<String> defaultMicrophone() {
    return snapshot.defaultMicrophone();
  }

  @Override
  public Optional<String> defaultSpeaker() {
    return snapshot.defaultSpeaker();
  }

  @Override
  public void addDevicesListener(Runnable listener) {
    devicesListeners.add(listener);
  }

  @Override
  public void addFallbackListener(Consumer<Fallback> listener) {
    fallbackListeners.add(listener);
  }

  @Override
  public void routeRecording(String source) {
    client.post(() -> {
      recording.route(source, refreshesSent + 1);
      refreshDevices();
    });
  }

  @Override
  public void routePlayback(String sink) {
    client.post(() -> {
      playback.route(sink, refreshesSent + 1);
      refreshDevices();
    });
  }

  @Override
  public void close() {
    client.close();
  }

  private void start() {
    client.onLost(this::lost);
    client.subscribe(EVENTS, this::event);
    refreshDevices();
  }

  /**
   * A burst of events (a device and its monitor, a stream and its device's state) is answered
   * once: the flag-setting happens during dispatch, the one posted flush after it.
   */
  private void event(int type) {
    boolean removed = (type & SUBSCRIPTION_EVENT_TYPE_MASK) == SUBSCRIPTION_EVENT_REMOVE;
    switch (type & SUBSCRIPTION_EVENT_FACILITY_MASK) {
      case PulseLib.SUBSCRIPTION_EVENT_SINK, PulseLib.SUBSCRIPTION_EVENT_SOURCE,
          PulseLib.SUBSCRIPTION_EVENT_SERVER -> devicesChanged = true;
      case PulseLib.SUBSCRIPTION_EVENT_SOURCE_OUTPUT -> recordingChanged |= !removed;
      case PulseLib.SUBSCRIPTION_EVENT_SINK_INPUT -> playbackChanged |= !removed;
      default -> {
        return;
      }
    }
    if (!flushPosted) {
      flushPosted = true;
      client.post(this::flush);
    }
  }

  private void flush() {
    flushPosted = false;
    if (devicesChanged) {
      devicesChanged = false;
      refreshDevices(); // re-checks both directions' streams when done
    }
    if (recordingChanged) {
      recordingChanged = false;
      recording.streamsChanged();
    }
    if (playbackChanged) {
      playbackChanged = false;
      playback.streamsChanged();
    }
  }

  /** Server info, sinks, sources: answered in order, so the sources reply ends the refresh. */
  private void refreshDevices() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    long refresh = ++refreshesSent;
    client.serverInfo(s -> server = s);
    client.sinks(list -> sinks = list);
    client.sources(sources -> refreshed(refresh, sources));
  }

  private void refreshed(long refresh, List<Device> sources) {
    refreshing = false;
    String defaultSource = server == null ? null : server.defaultSource();
    String defaultSink = server == null ? null : server.defaultSink();
    List<Endpoint> mics = sources.stream().filter(d -> !d.monitor()).map(PulseAudio::endpoint).toList();
    Snapshot next = new Snapshot(describe(server), mics, sinks.stream().map(PulseAudio::endpoint).toList(),
        mics.stream().map(Endpoint::name).filter(n -> n.equals(defaultSource)).findFirst(),
        sinks.stream().map(Device::name).filter(n -> n.equals(defaultSink)).findFirst());
    Snapshot before = snapshot;
    snapshot = next;
    started.complete(null);
    Optional<Fallback> lostMic = recording.devices(refresh, sources, defaultSource);
    Optional<Fallback> lostSpeaker = playback.devices(refresh, sinks, defaultSink);
    if (!next.equals(before)) {
      devicesListeners.forEach(l -> guard("devices listener", l));
    }
    lostMic.ifPresent(this::fellBack);
    lostSpeaker.ifPresent(this::fellBack);
    recording.streamsChanged();
    playback.streamsChanged();
    if (refreshAgain) {
      refreshAgain = false;
      refreshDevices();
    }
  }

  private void fellBack(Fallback f) {
    log.info("{} device {} is gone; using the default", f.direction(), f.lost().name());
    fallbackListeners.forEach(l -> guard("fallback listener", () -> l.accept(f)));
  }

  private void lost() {
    snapshot = new Snapshot(snapshot.description() + " (disconnected)", List.of(), List.of(), Optional.empty(),
        Optional.empty());
    devicesListeners.forEach(l -> guard("devices listener", l));
  }

  private static Endpoint endpoint(Device d) {
    return new Endpoint(d.name(), d.description() != null ? d.description() : d.name());
  }

  /**
   * "PulseAudio 16.1"; PipeWire's pulse server names itself "PulseAudio (on PipeWire 0.3.65)"
   * and reports the PulseAudio version whose protocol it speaks ("15.0.0"), which is left out:
   * the name already carries the version that matters.
   */
  static String describe(Server s) {
    if (s == null || s.name() == null) {
      return "unknown sound server";
    }
    String name = s.name().equals("pulseaudio") ? "PulseAudio" : s.name();
    return s.version() == null || name.contains("PipeWire") ? name : name + " " + s.version();
  }

  private static void guard(String what, Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      log.error("{} failed", what, t);
    }
  }
}
