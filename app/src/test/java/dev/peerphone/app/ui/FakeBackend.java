package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallListener;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.rtc.AudioState;
import dev.peerphone.app.rtc.FrameTap;
import dev.peerphone.app.rtc.PhoneSound;
import dev.peerphone.app.rtc.VideoQuality;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * A {@link Backend} without network or native code: records every engine command as text
 * ("call bob", "pause video", "play RINGTONE", "stop-ringing", "meter-start") and lets tests
 * emit {@link CallEvent}s, audio changes and input levels as the engine would.
 */
final class FakeBackend implements Backend {
  final List<String> commands = new ArrayList<>();
  IOException connectFailure;
  /** What {@link #refusedCertificate} reports (the engine refused this certificate), or null. */
  ServerCertificate refused;
  IOException trustFailure;
  /** When set, shareScreen fails with this message; sharingEnded is what the phone was given. */
  String shareFailure;
  java.util.function.Consumer<String> sharingEnded;
  List<String> cameras = List.of("", "Test pattern 640x480");
  List<String> microphones = List.of("USB Mic", "");
  String currentCamera = "";
  List<String> speakers = List.of("Speaker A", "Speaker B");
  AudioState audioState = new AudioState("PulseAudio 16.1", "USB Mic", "Speaker A", false, "");
  final Map<String, Double> remoteLevels = new LinkedHashMap<>();
  /** What the model gave the engine to listen with; null until signed in. */
  Consumer<AudioState> audioChanged;
  Runnable audioDevicesChanged;
  /** The running input meter's listener, or null. */
  DoubleConsumer meter;
  VideoQuality videoQuality = new VideoQuality(640, 480, 30);
  /** What the fake engine makes of a requested quality (a camera may only come close). */
  java.util.function.UnaryOperator<VideoQuality> cameraModes = q -> q;
  private CallListener listener;

  @Override
  public ServerInfo startEmbeddedServer() {
    commands.add("embedded-server");
    return new ServerInfo(URI.create("ws://127.0.0.1:9090/"), "http://10.0.0.5:8080/",
        "Peerphone desktop: server 10.0.0.5:9090");
  }

  @Override
  public Optional<ServerCertificate> refusedCertificate(URI server) {
    return Optional.ofNullable(refused);
  }

  @Override
  public void trust(ServerCertificate c) throws IOException {
    if (trustFailure != null) {
      throw trustFailure;
    }
    commands.add("trust " + c.address() + " " + c.fingerprint());
  }

  @Override
  public Phone connect(URI server, String name, CallListener l) throws IOException {
    if (connectFailure != null) {
      throw connectFailure;
    }
    commands.add("connect " + server + " " + name);
    listener = l;
    return new FakePhone();
  }

  @Override
  public void close() {
    commands.add("backend-close");
  }

  void emit(CallEvent e) {
    listener.onEvent(e);
  }

  private final class FakePhone implements Phone {
    @Override public void call(String peer) { commands.add("call " + peer); }
    @Override public void accept(String peer) { commands.add("accept " + peer); }
    @Override public void reject(String peer) { commands.add("reject " + peer); }
    @Override public void hangup(String peer) { commands.add("hangup " + peer); }
    @Override public void sendChat(String peer, String text) { commands.add("chat " + peer + " " + text); }
    @Override public void setPaused(String kind, boolean paused) { commands.add((paused ? "pause " : "resume ") + kind); }
    @Override public void setRelayOnly(boolean on) { commands.add("relay-only " + (on ? "on" : "off")); }
    @Override public void find() { commands.add("find"); }
    @Override public void setMultiCall(boolean on) { commands.add("multi-call " + (on ? "on" : "off")); }
    @Override public boolean setRemoteMuted(String peer, boolean muted) {
      commands.add((muted ? "mute-for-me " : "unmute-for-me ") + peer);
      return true;
    }
    @Override public Map<String, Boolean> remotePlaying() { return Map.of(); }
    @Override public void next() { commands.add("next"); }
    @Override public void stopRoulette() { commands.add("stop-roulette"); }
    @Override public List<String> cameras() { return cameras; }
    @Override public List<String> microphones() { return microphones; }
    @Override public String currentCamera() { return currentCamera; }
    @Override public void selectCamera(String name) { commands.add("camera " + name); }
    @Override public boolean selectMicrophone(String name) { commands.add("mic " + name); return true; }
    @Override public List<String> speakers() { return speakers; }
    @Override public boolean selectSpeaker(String name) { commands.add("speaker " + name); return true; }
    @Override public AudioState audioState() { return audioState; }
    @Override public Map<String, Double> remoteLevels() { return Map.copyOf(remoteLevels); }
    @Override public void play(PhoneSound sound) { commands.add("play " + sound); }
    @Override public void stopRinging() { commands.add("stop-ringing"); }

    @Override
    public void setAudioListeners(Consumer<AudioState> changed, Runnable devicesChanged) {
      audioChanged = changed;
      audioDevicesChanged = devicesChanged;
    }

    @Override
    public AutoCloseable startInputMeter(DoubleConsumer level) {
      commands.add("meter-start");
      meter = level;
      return () -> {
        commands.add("meter-stop");
        meter = null;
      };
    }
    @Override public void setVideoQuality(VideoQuality q) { commands.add("quality " + q); videoQuality = cameraModes.apply(q); }
    @Override public VideoQuality videoQuality() { return videoQuality; }
    @Override public String shareScreen(String screen) {
      commands.add("share " + screen);
      if (shareFailure != null) {
        throw new IllegalStateException(shareFailure);
      }
      return "Screen 1 (1280x720)";
    }
    @Override public void stopSharing() { commands.add("share stop"); }
    @Override public void setOnSharingEnded(java.util.function.Consumer<String> l) { sharingEnded = l; }
    @Override public void setFrameTap(FrameTap tap) { commands.add("frame-tap"); }
    @Override public void close() { commands.add("phone-close"); }
  }
}
