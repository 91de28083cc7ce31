package dev.peerphone.app.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PulseAudio daemon for one test class: its own runtime directory and socket, never
 * the system's or the user's server. It starts with two speakers (null sinks) and three virtual
 * microphones, each playing its own steady sine tone ({@code module-sine} into a private null
 * sink, remapped into a real, non-monitor source — {@code module-sine-source} delivers in bursts).
 *
 * <p>Reach it from child processes with {@link #env()} and from this JVM's native code
 * (webrtc-java's audio module, our libpulse client) with {@link #exportToThisProcess()}. Control
 * and observation go through Debian's {@code pactl}/{@code parec} (pulseaudio-utils), which the
 * test command installs.
 */
public final class PulseServer implements SoundServer {
  /** A virtual microphone: the source name, what users see, and the tone it plays. */
  public record Mic(String name, String description, int hz) {}

  public static final Mic MIC_A = new Mic("mic_a", "Mic A", 440);
  public static final Mic MIC_B = new Mic("mic_b", "Mic B", 880);
  public static final Mic MIC_C = new Mic("mic_c", "Mic C", 1320);
  public static final String SPEAKER_A = "speaker_a";
  public static final String SPEAKER_B = "speaker_b";

  private final Path dir;
  private final Process daemon;
  private final Map<String, List<Integer>> micModules = new LinkedHashMap<>();
  /** Low-latency readers that keep the virtual devices running like real ones (see keepLive). */
  private final Map<String, Process> micListeners = new LinkedHashMap<>();

  private PulseServer(Path dir, Process daemon) {
    this.dir = dir;
    this.daemon = daemon;
    // A test JVM that dies (or is killed by surefire) still takes its daemon with it.
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::destroyForcibly, "pulse-rig-stop"));
  }

  /** Starts a daemon with speakers A (default) and B, and microphones A (default), B and C. */
  public static PulseServer start() {
    return start(List.of(MIC_A, MIC_B, MIC_C));
  }

  /** Starts a daemon with speakers A (default) and B and the given microphones (first is default). */
  public static PulseServer start(List<Mic> mics) {
    if (!new File("/usr/bin/pulseaudio").canExecute() || !new File("/usr/bin/pactl").canExecute()) {
      throw new IllegalStateException("pulseaudio and pulseaudio-utils are needed (./peerphone test installs them)");
    }
    try {
      Path dir = Files.createTempDirectory("pp-pulse"); // short: the socket path must fit 108 bytes
      StringBuilder pa = new StringBuilder();
      pa.append("load-module module-native-protocol-unix auth-anonymous=1 socket=").append(dir.resolve("native")).append('\n');
      pa.append(sink(SPEAKER_A, "Speaker A")).append(sink(SPEAKER_B, "Speaker B"));
      pa.append("set-default-sink ").append(SPEAKER_A).append('\n');
      Files.writeString(dir.resolve("own.pa"), pa.toString());
      ProcessBuilder pb = new ProcessBuilder("pulseaudio", "--system=false", "-n", "-F", dir.resolve("own.pa").toString(),
          "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=false", "--log-target=stderr", "--disallow-exit")
          .redirectErrorStream(true).redirectOutput(dir.resolve("pulse.log").toFile());
      pb.environment().put("HOME", dir.toString());
      pb.environment().put("XDG_RUNTIME_DIR", dir.toString());
      pb.environment().remove("PULSE_SERVER");
      PulseServer s = new PulseServer(dir, pb.start());
      try {
        s.awaitReady();
        for (String speaker : List.of(SPEAKER_A, SPEAKER_B)) {
          s.micListeners.put(speaker + ".monitor", s.keepLive(speaker + ".monitor"));
        }
        for (Mic m : mics) {
          s.addMicrophone(m);
        }
        if (!mics.isEmpty()) {
          s.pactl("set-default-source", mics.get(0).name());
        }
        return s;
      } catch (RuntimeException e) {
        s.close(); // never leave a daemon behind
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sink(String name, String description) {
    return "load-module module-null-sink sink_name=" + name + " " + SoundServer.properties("sink", description) + "\n";
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("pulseaudio exited: " + log());
      }
      if (Files.exists(dir.resolve("native")) && SoundServer.run(server(), List.of("pactl", "info")).exit() == 0) {
        return;
      }
      pause(50);
    }
    throw new IllegalStateException("pulseaudio did not start within 15 s: " + log());
  }

  /** {@code unix:<dir>/native}: the value for {@code PULSE_SERVER}. */
  @Override
  public String server() {
    return "unix:" + dir.resolve("native");
  }

  @Override
  public void addMicrophone(Mic m) {
    List<Integer> modules = new ArrayList<>();
    modules.add(loadModule("module-null-sink", "sink_name=" + m.name() + "_tone",
        SoundServer.properties("sink", m.description() + " tone")));
    modules.add(loadModule("module-sine", "sink=" + m.name() + "_tone", "frequency=" + m.hz()));
    modules.add(loadModule("module-remap-source", "source_name=" + m.name(), "master=" + m.name() + "_tone.monitor",
        SoundServer.properties("source", m.description())));
    micModules.put(m.name(), modules);
    micListeners.put(m.name(), keepLive(m.name()));
  }

  /**
   * A real microphone runs on the sound card's clock whether or not anybody records. A null sink
   * with no low-latency reader instead renders in blocks of up to 2 s, so the first low-latency
   * stream moved onto a quiet virtual microphone would wait up to 2 s for data (measured: 1.4 s
   * of silence after a mid-call switch). A reader asking for 10 ms keeps each virtual microphone
   * running as a real one does.
   */
  private Process keepLive(String source) {
    try {
      ProcessBuilder pb = new ProcessBuilder("parec", "--device=" + source, "--raw", "--latency-msec=10",
          "--client-name=rig-keepalive");
      pb.environment().put("PULSE_SERVER", server());
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void removeMicrophone(String name) {
    List<Integer> modules = micModules.remove(name);
    if (modules == null) {
      throw new IllegalArgumentException("no microphone " + name);
    }
    micListeners.remove(name).destroy();
    for (int i = modules.size() - 1; i >= 0; i--) {
      pactl("unload-module", String.valueOf(modules.get(i)));
    }
  }

  /** A stream as the server lists it: its owner (application name, process id) and its device's name. */
  public record AudioStream(String application, String processId, String device) {}

  private String log() {
    try {
      return Files.readString(dir.resolve("pulse.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms); // polling a child process's readiness: there is no event to wait for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the daemon and removes its directory. */
  @Override
  public void close() {
    micListeners.values().forEach(Process::destroy);
    daemon.destroy();
    try {
      if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }
}
