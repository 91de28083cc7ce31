package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.peerphone.app.audio.AudioServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call's audio devices: the audio device module libwebrtc records and plays through, which
 * microphone and speaker carry the call, and whether there is a microphone at all.
 *
 * <p>On Linux the devices are chosen through the {@link AudioServer} (PulseAudio or PipeWire's
 * pulse server): webrtc-java 0.14.0 ignores its own device choice there (#33), so libwebrtc opens
 * the default devices and the server moves its streams to the chosen ones. Elsewhere (Windows,
 * macOS: no Pulse server) the module's own {@code setRecordingDevice}/{@code setPlayoutDevice}
 * is used, which matches devices by their platform identifiers there.
 *
 * <p>No microphone means silence: without an audio server webrtc-java's headless module is the
 * only one that works, and it feeds what it plays back in as "recorded" audio, so the caller
 * would hear themselves; a server whose only sources are speaker monitors would do the same. In
 * both cases the engine keeps the local audio track muted ({@link #hasMicrophone} false), which
 * makes libwebrtc send digital silence.
 *
 * <p>Threading: the call executor, except {@link AudioServer} listeners, which only post to it.
 */
final class LocalAudio {
  private static final Logger log = LoggerFactory.getLogger(LocalAudio.class);

  private final Optional<AudioServer> server;
  private final AudioDeviceModuleBase adm;
  private final boolean headless;
  private final String silenceReason; // why the headless module is in use
  private String microphone; // server name of the chosen source, null = default
  private String speaker;    // server name of the chosen sink, null = default
  private Consumer<String> notices = n -> { };

  private LocalAudio(Optional<AudioServer> server, AudioDeviceModuleBase adm, String silenceReason) {
    this.server = server;
    this.adm = adm;
    this.headless = adm instanceof HeadlessAudioDeviceModule;
    this.silenceReason = silenceReason;
  }

  /**
   * Opens the audio side for {@code config}. Throws {@link IllegalArgumentException} naming the
   * valid choices when a microphone or speaker was asked for by a name that does not exist.
   */
  static LocalAudio open(MediaConfig config, Optional<AudioServer> server) {
    if (config.fakeAudio()) {
      server.ifPresent(AudioServer::close);
      return new LocalAudio(Optional.empty(), new HeadlessAudioDeviceModule(), "Synthetic audio: sending silence");
    }
    if (server.isPresent()) {
      AudioServer s = server.get();
      String mic = config.microphone() == null ? null : match("microphone", config.microphone(), s.microphones());
      String out = config.speaker() == null ? null : match("speaker", config.speaker(), s.speakers());
      try {
        LocalAudio a = new LocalAudio(server, new AudioDeviceModule(), "");
        a.microphone = mic;
        a.speaker = out;
        a.routeRecording();
        s.routePlayback(out);
        return a;
      } catch (Throwable t) {
        log.warn("audio server {} found, but the audio module failed: {}", s.describe(), t.toString());
        s.close();
        return new LocalAudio(Optional.empty(), new HeadlessAudioDeviceModule(),
            "The audio module could not open " + s.describe() + ": sending silence, remote audio is not played");
      }
    }
    if (config.microphone() != null || config.speaker() != null) {
      throw nothingToChooseFrom(config.microphone());
    }
    String none = "No audio server (PulseAudio or PipeWire) found: sending silence, remote audio is not played";
    if (isLinux()) {
      log.info("no audio server: sending silence; remote audio is measured but not played");
      return new LocalAudio(Optional.empty(), new HeadlessAudioDeviceModule(), none);
    }
    // Windows, macOS: the platform's own module, time-limited like every device probe.
    Optional<AudioDeviceModuleBase> platform = Devices.probe("audio module", () -> {
      AudioDeviceModule m = new AudioDeviceModule();
      if (m.getRecordingDevices().isEmpty() && m.getPlayoutDevices().isEmpty()) {
        m.dispose();
        return null;
      }
      return m;
    }, Devices.DEFAULT_TIMEOUT);
    return platform.isPresent() ? new LocalAudio(Optional.empty(), platform.get(), "")
        : new LocalAudio(Optional.empty(), new HeadlessAudioDeviceModule(), "No microphone or speaker found: sending silence");
  }

  /** A microphone (or, when {@code microphone} is null, a speaker) was asked for, but no server runs. */
  static IllegalArgumentException nothingToChooseFrom(String microphone) {
    return new IllegalArgumentException("No audio server (PulseAudio or PipeWire) is running: there are no "
        + (microphone != null ? "microphones" : "speakers") + " to choose from");
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
  }

  /** Connects to the desktop's sound server, if one is running (PulseAudio or PipeWire's pulse server). */
  static Optional<AudioServer> connectServer() {
    return dev.peerphone.app.audio.PulseAudio.connect("Peerphone").map(AudioServer.class::cast);
  }

  /** The server name of the device called {@code wanted} (its label or its server name). */
  static String match(String kind, String wanted, List<AudioServer.Endpoint> devices) {
    for (AudioServer.Endpoint e : devices) {
      if (e.description().equals(wanted) || e.name().equals(wanted)) {
        return e.name();
      }
    }
    List<AudioServer.Endpoint> loose = devices.stream()
        .filter(e -> e.description().equalsIgnoreCase(wanted) || e.name().equalsIgnoreCase(wanted)).toList();
    if (loose.size() == 1) {
      return loose.get(0).name();
    }
    List<String> names = devices.stream().map(AudioServer.Endpoint::description).toList();
    throw new IllegalArgumentException("No " + kind + " named '" + wanted + "'. "
        + (names.isEmpty() ? "There are no " + kind + "s." : "Choose one of: " + String.join(", ", names)));
  }

  AudioDeviceModuleBase module() {
    return adm;
  }

  Optional<AudioServer> server() {
    return server;
  }

  /** Where "microphone X disappeared" style notices go (on the call executor). */
  void setNotices(Consumer<String> n) {
    notices = n;
  }

  /** False when there is nothing to record from: the engine then sends silence. */
  boolean hasMicrophone() {
    if (headless) {
      return false;
    }
    return server.map(s -> !s.microphones().isEmpty()).orElse(true);
  }

  /** Microphone labels, in the server's order. */
  List<String> microphones() {
    if (server.isPresent()) {
      return server.get().microphones().stream().map(AudioServer.Endpoint::description).toList();
    }
    return headless ? List.of() : names(adm.getRecordingDevices());
  }

  /** Speaker labels, in the server's order. */
  List<String> speakers() {
    if (server.isPresent()) {
      return server.get().speakers().stream().map(AudioServer.Endpoint::description).toList();
    }
    return headless ? List.of() : names(adm.getPlayoutDevices());
  }

  private static List<String> names(List<AudioDevice> devices) {
    List<String> out = new ArrayList<>();
    devices.forEach(d -> out.add(d.getName()));
    return out;
  }

  /** The server's name of the microphone recorded from; null when the server's default is used. */
  String microphoneName() {
    return server.map(this::routedMicrophone).orElse(microphone);
  }

  /** The server's name of the chosen speaker; null when the server's default is used. */
  String speakerName() {
    return speaker;
  }

  /** The label of the microphone in use ("" when there is none). */
  String microphone() {
    return server.map(s -> label(s.microphones(), recordingTarget(s))).orElse("");
  }

  /**
   * Where recording goes: the chosen microphone, else the server's default, else — when the
   * default is a speaker's monitor, which would send the other side its own voice back — the
   * first real microphone. Null when there is no microphone at all (the track is muted then).
   */
  private String recordingTarget(AudioServer s) {
    if (microphone != null) {
      return microphone;
    }
    return s.defaultMicrophone().orElse(s.microphones().isEmpty() ? null : s.microphones().get(0).name());
  }

  /** Tells the server where recording goes now; null follows its default. */
  private void routeRecording() {
    server.ifPresent(s -> s.routeRecording(routedMicrophone(s)));
  }

  /** The chosen microphone, or null to follow a default that is a real microphone. */
  private String routedMicrophone(AudioServer s) {
    return microphone != null || s.defaultMicrophone().isPresent() ? microphone : recordingTarget(s);
  }

  /** The label of the speaker in use ("" when there is none). */
  String speaker() {
    return server.map(s -> label(s.speakers(), speaker != null ? speaker : s.defaultSpeaker().orElse(null)))
        .orElse("");
  }

  private static String label(List<AudioServer.Endpoint> list, String name) {
    return list.stream().filter(e -> e.name().equals(name)).map(AudioServer.Endpoint::description).findFirst().orElse("");
  }

  /** Switches the microphone for every call (no renegotiation); false if there is no such one. */
  boolean selectMicrophone(String wanted) {
    if (server.isPresent()) {
      try {
        microphone = match("microphone", wanted, server.get().microphones());
      } catch (IllegalArgumentException e) {
        return false;
      }
      routeRecording();
      return true;
    }
    for (AudioDevice d : headless ? List.<AudioDevice>of() : adm.getRecordingDevices()) {
      if (d.getName().equals(wanted)) {
        adm.stopRecording(); // 0.14.0 refuses a switch while recording
        adm.setRecordingDevice(d);
        adm.initRecording();
        adm.startRecording();
        return true;
      }
    }
    return false;
  }

  /** Switches the speaker for every call; false if there is no such one. */
  boolean selectSpeaker(String wanted) {
    if (server.isPresent()) {
      try {
        speaker = match("speaker", wanted, server.get().speakers());
      } catch (IllegalArgumentException e) {
        return false;
      }
      server.get().routePlayback(speaker);
      return true;
    }
    for (AudioDevice d : headless ? List.<AudioDevice>of() : adm.getPlayoutDevices()) {
      if (d.getName().equals(wanted)) {
        adm.stopPlayout();
        adm.setPlayoutDevice(d);
        adm.initPlayout();
        adm.startPlayout();
        return true;
      }
    }
    return false;
  }

  /**
   * After the server's devices changed: a chosen device that is gone falls back to the default
   * with a notice (the server has already moved the stream there).
   */
  void devicesChanged() {
    server.ifPresent(s -> {
      if (microphone != null && s.microphones().stream().noneMatch(e -> e.name().equals(microphone))) {
        log.info("microphone {} disappeared; using the default", microphone);
        microphone = null;
        routeRecording();
        notices.accept("The microphone in use disappeared; using "
            + (microphone().isEmpty() ? "none: sending silence" : "the default microphone (" + microphone() + ")"));
      } else if (microphone == null) {
        routeRecording(); // the default may have become, or stopped being, a speaker's monitor
      }
      if (speaker != null && s.speakers().stream().noneMatch(e -> e.name().equals(speaker))) {
        speaker = null;
        s.routePlayback(null);
        notices.accept("The speaker in use disappeared; using the default speaker (" + speaker() + ")");
      }
    });
  }

  /** What the user should know about audio, or "" when all is well. */
  String problem() {
    if (headless) {
      return silenceReason;
    }
    if (!hasMicrophone()) {
      return "No microphone found: sending silence";
    }
    return "";
  }

  /** The server's own description, e.g. "PulseAudio 16.1", or "" without one. */
  String serverDescription() {
    return server.map(AudioServer::describe).orElse("");
  }

  /** Step 10 of the close order (after the factory): the module, then the server connection. */
  void close() {
    try {
      adm.dispose();
    } catch (Throwable t) {
      log.warn("adm dispose: {}", t.toString());
    }
    server.ifPresent(AudioServer::close);
  }
}
