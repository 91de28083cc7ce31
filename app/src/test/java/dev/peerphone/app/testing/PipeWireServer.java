package dev.peerphone.app.testing;

import dev.peerphone.app.testing.PulseServer.Mic;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PipeWire for one test class: {@code pipewire}, the {@code wireplumber} session
 * manager (which links streams to devices and carries out moves) and {@code pipewire-pulse} (the
 * PulseAudio protocol that Peerphone and libwebrtc speak), all three with their own runtime,
 * config and state directories, never the system's or the user's. Same shape as {@link
 * PulseServer}: speakers A (default) and B are null sinks; each virtual microphone is a real
 * source ({@code module-pipe-source}) fed a steady sine tone by a thread of this JVM.
 *
 * <p>Why not PulseServer's recipe: pipewire-pulse has no {@code module-sine}, and PipeWire's own
 * {@code audiotestsrc} node plays 440 Hz only (its frequency cannot be set from {@code pw-cli}
 * in 0.3.65: the property's declared type and the node's disagree).
 *
 * <p>The configuration is Debian's, less what would reach outside the rig or needs a desktop
 * session: no realtime scheduling, no D-Bus (Flatpak portal, Bluetooth, device reservation), and
 * WirePlumber monitors no ALSA, V4L2 or libcamera devices (a developer's sound cards stay with
 * their own session). Needs Debian's {@code pipewire}, {@code pipewire-pulse}, {@code
 * wireplumber} and {@code pulseaudio-utils}, which the test command installs.
 *
 * <p>The daemons stop on {@link #close}, at JVM exit (a shutdown hook), and when the JVM dies
 * without running hooks (a guard shell whose standard input is a pipe from this JVM kills them on
 * end of file).
 */
public final class PipeWireServer implements SoundServer {
  private static final int RATE = 48000;
  private static final String[] TOOLS = {"/usr/bin/pipewire", "/usr/bin/wireplumber", "/usr/bin/pipewire-pulse",
      "/usr/bin/pactl", "/usr/bin/parec"};

  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();
  private Process guard;
  private final Thread hook;
  private final Map<String, Integer> micModules = new LinkedHashMap<>();
  private final Map<String, Thread> micFeeders = new LinkedHashMap<>();
  /** Set once the initial devices are in place; microphones added later are hot-plugged. */
  private boolean started;

  private PipeWireServer(Path dir) {
    this.dir = dir;
    this.hook = new Thread(this::stopDaemons, "pipewire-rig-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** True when the PipeWire packages this rig needs are installed. */
  public static boolean available() {
    for (String tool : TOOLS) {
      if (!new File(tool).canExecute()) {
        return false;
      }
    }
    return true;
  }

  /** Starts PipeWire with speakers A (default) and B, and microphones A (default), B and C. */
  public static PipeWireServer start() {
    return start(List.of(PulseServer.MIC_A, PulseServer.MIC_B, PulseServer.MIC_C));
  }

  /** Starts PipeWire with speakers A (default) and B and the given microphones (first is default). */
  public static PipeWireServer start(List<Mic> mics) {
    if (!available()) {
      throw new IllegalStateException("pipewire, pipewire-pulse, wireplumber and pulseaudio-utils are needed"
          + " (./peerphone test installs them)");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("pp-pw"); // short: the socket path must fit 108 bytes
      writeConfig(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PipeWireServer s = new PipeWireServer(dir);
    try {
      s.daemons.add(s.launch("pipewire"));
      s.awaitFile(dir.resolve("pipewire-0"), "pipewire");
      s.daemons.add(s.launch("wireplumber"));
      s.daemons.add(s.launch("pipewire-pulse"));
      s.guard();
      s.awaitFile(dir.resolve("pulse/native"), "pipewire-pulse");
      for (String speaker : List.of(PulseServer.SPEAKER_A, PulseServer.SPEAKER_B)) {
        s.addSpeaker(speaker, "Speaker " + speaker.substring(speaker.length() - 1).toUpperCase());
      }
      s.pactl("set-default-sink", PulseServer.SPEAKER_A);
      for (Mic m : mics) {
        s.addMicrophone(m);
      }
      if (!mics.isEmpty()) {
        s.pactl("set-default-source", mics.get(0).name());
      }
      // WirePlumber decides the defaults: once it reports ours, the session manager is working.
      s.awaitDefaults(mics.isEmpty() ? null : mics.get(0).name());
      s.started = true;
      return s;
    } catch (RuntimeException e) {
      s.close(); // never leave a daemon behind
      throw e;
    }
  }

  /**
   * Debian's configuration (pipewire.conf, pipewire-pulse.conf, WirePlumber's Lua), less module-rt,
   * the D-Bus users and the hardware monitors; plus the {@code audiotestsrc} plugin's name for
   * experiments with {@code pw-cli create-node adapter '{ factory.name=audiotestsrc ... }'}.
   */
  private static void writeConfig(Path dir) throws IOException {
    Path pw = Files.createDirectories(dir.resolve("config/pipewire"));
    Files.writeString(pw.resolve("pipewire.conf"), """
        context.properties = {
            link.max-buffers = 16
            core.daemon = true
            core.name = pipewire-0
            default.clock.min-quantum = 16
            vm.overrides = { default.clock.min-quantum = 1024 }
        }
        context.spa-libs = {
            audio.convert.* = audioconvert/libspa-audioconvert
            audiotestsrc = audiotestsrc/libspa-audiotestsrc
            support.* = support/libspa-support
        }
        context.modules = [
            { name = libpipewire-module-protocol-native }
            { name = libpipewire-module-metadata }
            { name = libpipewire-module-spa-device-factory }
            { name = libpipewire-module-spa-node-factory }
            { name = libpipewire-module-client-node }
            { name = libpipewire-module-client-device }
            { name = libpipewire-module-access }
            { name = libpipewire-module-adapter }
            { name = libpipewire-module-link-factory }
            { name = libpipewire-module-session-manager }
        ]
        context.objects = [
            { factory = spa-node-factory
              args = { factory.name = support.node.driver node.name = Dummy-Driver
                       node.group = pipewire.dummy priority.driver = 20000 } }
            { factory = spa-node-factory
              args = { factory.name = support.node.driver node.name = Freewheel-Driver
                       priority.driver = 19000 node.group = pipewire.freewheel node.freewheel = true } }
        ]
        """);
    Files.writeString(pw.resolve("pipewire-pulse.conf"), """
        context.spa-libs = {
            audio.convert.* = audioconvert/libspa-audioconvert
            support.* = support/libspa-support
        }
        context.modules = [
            { name = libpipewire-module-protocol-native }
            { name = libpipewire-module-client-node }
            { name = libpipewire-module-adapter }
            { name = libpipewire-module-metadata }
            { name = libpipewire-module-protocol-pulse }
        ]
        pulse.properties = {
            server.address = [ "unix:native" ]
            vm.overrides = { pulse.min.quantum = 1024/48000 }
        }
        """);
    Path main = Files.createDirectories(dir.resolve("config/wireplumber/main.lua.d"));
    Files.writeString(main.resolve("51-peerphone-rig.lua"), """
        alsa_monitor.enabled = false
        v4l2_monitor.enabled = false
        libcamera_monitor.enabled = false
        default_access.properties["enable-flatpak-portal"] = false
        """);
    Path bluetooth = Files.createDirectories(dir.resolve("config/wireplumber/bluetooth.lua.d"));
    Files.writeString(bluetooth.resolve("51-peerphone-rig.lua"), "bluez_monitor.enabled = false\n");
  }

  private Process launch(String daemon) {
    try {
      ProcessBuilder pb = new ProcessBuilder(daemon).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve(daemon + ".log").toFile());
      environment(pb.environment());
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything under {@link #dir}: runtime (sockets), config, state; no session bus, no display. */
  private void environment(Map<String, String> env) {
    env.put("HOME", dir.toString());
    env.put("XDG_RUNTIME_DIR", dir.toString());
    env.put("PIPEWIRE_RUNTIME_DIR", dir.toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    for (String v : List.of("PULSE_SERVER", "PULSE_RUNTIME_PATH", "PIPEWIRE_REMOTE", "DBUS_SESSION_BUS_ADDRESS",
        "DISPLAY", "WAYLAND_DISPLAY", "PIPEWIRE_CONFIG_DIR")) {
      env.remove(v);
    }
  }

  /**
   * A shell that reads its standard input (a pipe from this JVM) until end of file, then kills
   * the daemons: the JVM's end, however it ends, closes that pipe.
   */
  private void guard() {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "while read -r _; do :; done; kill -9 \"$@\"", "guard"));
    daemons.forEach(d -> cmd.add(String.valueOf(d.pid())));
    try {
      guard = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitFile(Path file, String daemon) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(file)) {
      if (daemons.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("a PipeWire daemon exited: " + logs());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(daemon + " did not start within 10 s: " + logs());
      }
      pause(20);
    }
  }

  private void awaitDefaults(String source) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String info = "";
    while (System.nanoTime() < deadline) {
      info = pactl("info");
      if (info.contains("Default Sink: " + PulseServer.SPEAKER_A + "\n")
          && (source == null || info.contains("Default Source: " + source + "\n"))) {
        return;
      }
      pause(20);
    }
    throw new IllegalStateException("WirePlumber did not take the defaults within 10 s: " + info + logs());
  }

  @Override
  public String server() {
    return "unix:" + dir.resolve("pulse/native");
  }

  /** Environment for PipeWire's own tools ({@code pw-cli}, {@code pw-dump}) to reach this instance. */
  public Map<String, String> pipewireEnv() {
    return Map.of("PIPEWIRE_RUNTIME_DIR", dir.toString(), "XDG_RUNTIME_DIR", dir.toString());
  }

  /**
   * A real source ({@code module-pipe-source}, not a monitor) reading a FIFO that a daemon thread
   * of this JVM keeps full of a steady sine tone at -12 dBFS. The pipe paces the thread: it blocks
   * while the source does not read, and resumes seamlessly (the phase runs on).
   */
  @Override
  public void addMicrophone(Mic m) {
    Path fifo = dir.resolve(m.name() + ".fifo");
    int module = loadModule("module-pipe-source", "source_name=" + m.name(), "file=" + fifo, "format=s16le",
        "rate=" + RATE, "channels=1", SoundServer.properties("source", m.description()));
    micModules.put(m.name(), module);
    awaitListed("sources", m.name(), true);
    Thread feeder = new Thread(() -> feed(fifo, m.hz()), "pipewire-rig-" + m.name());
    feeder.setDaemon(true);
    feeder.start();
    micFeeders.put(m.name(), feeder);
    if (started) {
      awaitHeard(m);
    }
  }

  /**
   * Returns once a recording from {@code m} hears its tone, so WirePlumber links streams to it:
   * a stream sent to a source WirePlumber does not know yet lands on the default one. Once in
   * about six runs under load, libwebrtc's stream routed to a microphone milliseconds after its
   * load-module returned ended on the default microphone (not reproduced in 30 tries on an idle
   * machine; which daemon lagged is not known). Microphones present at start are not checked:
   * tests route hundreds of milliseconds later.
   */
  private void awaitHeard(Mic m) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      short[] pcm = record(m.name(), Duration.ofMillis(150));
      if (pcm.length > 0 && Math.abs(Sound.dominantHz(pcm, 16000) - m.hz()) <= 10) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(m + " not heard within 5 s: " + Sound.describe(pcm, 16000));
      }
    }
  }

  private static void feed(Path fifo, int hz) {
    int frames = RATE / 50; // 20 ms per write
    ByteBuffer chunk = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    double amplitude = Math.pow(10, -12 / 20.0) * Math.sqrt(2) * 32767;
    try (OutputStream out = new FileOutputStream(fifo.toFile())) {
      for (long n = 0; !Thread.currentThread().isInterrupted(); ) {
        chunk.clear();
        for (int i = 0; i < frames; i++, n++) {
          chunk.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (n % RATE) / RATE)));
        }
        out.write(chunk.array());
      }
    } catch (IOException e) {
      // the source was unloaded (broken pipe) or the server stopped: the microphone is gone
    }
  }

  @Override
  public void removeMicrophone(String name) {
    Integer module = micModules.remove(name);
    if (module == null) {
      throw new IllegalArgumentException("no microphone " + name);
    }
    micFeeders.remove(name).interrupt(); // a blocked write ends with the pipe's reader
    unloadModule(module);
    awaitListed("sources", name, false);
  }

  /** As on PulseAudio, the speaker is listed when this returns. */
  @Override
  public int addSpeaker(String name, String description) {
    int module = SoundServer.super.addSpeaker(name, description);
    awaitListed("sinks", name, true);
    return module;
  }

  /**
   * Unlike PulseAudio's, pipewire-pulse's {@code load-module} and {@code unload-module} may
   * return before the device is listed or gone (measured: a source routed to at once was not
   * there yet). Polls: the server's events would need a subscription of their own.
   */
  private void awaitListed(String kind, String name, boolean listed) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pactl("list", "short", kind).lines().anyMatch(l -> l.split("\t").length > 1 && l.split("\t")[1].equals(name))
        != listed) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + (listed ? " not listed" : " still listed") + " after 5 s");
      }
      pause(10);
    }
  }

  /**
   * One channel of what is played into {@code sink} (16 kHz s16), as PulseServer's mono
   * recording gives it. Not the mono mix: PipeWire mixes stereo down to mono at +3 dB for
   * centred sound (both channels times 0.707), where PulseAudio averages them.
   */
  @Override
  public short[] recordSink(String sink, Duration length) {
    return SoundServer.record(server(), sink + ".monitor", 2, length);
  }

  /** {@code pactl info}'s "Server Name:" line, e.g. "PulseAudio (on PipeWire 0.3.65)". */
  public String serverName() {
    return pactl("info").lines().filter(l -> l.startsWith("Server Name: ")).map(l -> l.substring(13)).findFirst()
        .orElse("");
  }

  private String logs() {
    StringBuilder sb = new StringBuilder();
    for (String daemon : List.of("pipewire", "wireplumber", "pipewire-pulse")) {
      try {
        sb.append("\n--- ").append(daemon).append(":\n").append(Files.readString(dir.resolve(daemon + ".log")));
      } catch (IOException e) {
        sb.append("\n--- ").append(daemon).append(": (no log)");
      }
    }
    return sb.toString();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms); // polling a child process's readiness: there is no event to wait for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void stopDaemons() {
    if (guard != null) {
      guard.destroy();
    }
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).destroy();
    }
    for (Process p : daemons) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the daemons (pipewire-pulse, WirePlumber, then PipeWire) and removes the directory. */
  @Override
  public void close() {
    micFeeders.values().forEach(Thread::interrupt);
    stopDaemons();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }
}
