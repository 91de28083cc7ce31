package dev.peerphone.app.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.jna.NativeLibrary;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
public final class PulseServer implements AutoCloseable {
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
    return "load-module module-null-sink sink_name=" + name + " " + props("sink", description) + "\n";
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("pulseaudio exited: " + log());
      }
      if (Files.exists(dir.resolve("native")) && run(List.of("pactl", "info")).exit == 0) {
        return;
      }
      pause(50);
    }
    throw new IllegalStateException("pulseaudio did not start within 15 s: " + log());
  }

  /** {@code unix:<dir>/native}: the value for {@code PULSE_SERVER}. */
  public String server() {
    return "unix:" + dir.resolve("native");
  }

  /** Environment for a child process that should use this server. */
  public Map<String, String> env() {
    return Map.of("PULSE_SERVER", server());
  }

  /**
   * Points this JVM's native code at the server: {@code setenv("PULSE_SERVER")} in the C library
   * (Java's own environment map is a read-only copy; libpulse reads the C one).
   */
  public void exportToThisProcess() {
    NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {"PULSE_SERVER", server(), 1});
  }

  /** Adds a virtual microphone playing {@code m.hz()} (hot-plug, as far as clients can tell). */
  public void addMicrophone(Mic m) {
    List<Integer> modules = new ArrayList<>();
    modules.add(loadModule("module-null-sink", "sink_name=" + m.name() + "_tone",
        props("sink", m.description() + " tone")));
    modules.add(loadModule("module-sine", "sink=" + m.name() + "_tone", "frequency=" + m.hz()));
    modules.add(loadModule("module-remap-source", "source_name=" + m.name(), "master=" + m.name() + "_tone.monitor",
        props("source", m.description())));
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

  /** Removes a virtual microphone added before (unplugging it). */
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

  /** Adds a speaker (null sink); returns its module index for {@link #unloadModule}. */
  public int addSpeaker(String name, String description) {
    return loadModule("module-null-sink", "sink_name=" + name, props("sink", description));
  }

  /** {@code sink_properties='device.description="…"'}: pactl joins its arguments with spaces. */
  private static String props(String kind, String description) {
    return kind + "_properties='device.description=\"" + description + "\"'";
  }

  public int loadModule(String module, String... args) {
    List<String> cmd = new ArrayList<>(List.of("load-module", module));
    cmd.addAll(List.of(args));
    return Integer.parseInt(pactl(cmd.toArray(String[]::new)).trim());
  }

  public void unloadModule(int index) {
    pactl("unload-module", String.valueOf(index));
  }

  /** A stream as the server lists it: its owner (application name, process id) and its device's name. */
  public record AudioStream(String application, String processId, String device) {}

  /** The source each of {@code pid}'s recording streams is on (source names), in stream order. */
  public List<String> recordingSourcesOf(long pid) {
    return recordingStreams().stream().filter(s -> s.processId().equals(String.valueOf(pid))).map(AudioStream::device)
        .toList();
  }

  /** The sink each of {@code pid}'s playback streams is on (sink names), in stream order. */
  public List<String> playbackSinksOf(long pid) {
    return playbackStreams().stream().filter(s -> s.processId().equals(String.valueOf(pid))).map(AudioStream::device)
        .toList();
  }

  /** Every recording stream (source output), in stream order. */
  public List<AudioStream> recordingStreams() {
    return streams("source-outputs", "source", "sources");
  }

  /** Every playback stream (sink input), in stream order. */
  public List<AudioStream> playbackStreams() {
    return streams("sink-inputs", "sink", "sinks");
  }

  private List<AudioStream> streams(String kind, String field, String devices) {
    Map<Integer, String> names = new LinkedHashMap<>();
    for (JsonElement e : json("list", "short", devices)) {
      JsonObject o = e.getAsJsonObject();
      names.put(o.get("index").getAsInt(), o.get("name").getAsString());
    }
    List<AudioStream> out = new ArrayList<>();
    for (JsonElement e : json("list", kind)) {
      JsonObject o = e.getAsJsonObject();
      JsonObject props = o.getAsJsonObject("properties");
      out.add(new AudioStream(property(props, "application.name"), property(props, "application.process.id"),
          names.getOrDefault(o.get(field).getAsInt(), "#" + o.get(field).getAsInt())));
    }
    return out;
  }

  private static String property(JsonObject props, String key) {
    return props != null && props.has(key) ? props.get(key).getAsString() : "";
  }

  private JsonArray json(String... args) {
    List<String> cmd = new ArrayList<>(List.of("-f", "json"));
    cmd.addAll(List.of(args));
    return JsonParser.parseString(pactl(cmd.toArray(String[]::new))).getAsJsonArray();
  }

  /**
   * Records what is played into {@code sink} for {@code length} (its monitor, 16 kHz mono s16).
   * Starts recording at once; returns the samples.
   */
  public short[] recordSink(String sink, Duration length) {
    return record(sink + ".monitor", length);
  }

  /** Records a source (e.g. a virtual microphone) for {@code length}, 16 kHz mono s16. */
  public short[] record(String source, Duration length) {
    try {
      ProcessBuilder pb = new ProcessBuilder("parec", "--device=" + source, "--raw", "--format=s16le", "--rate=16000",
          "--channels=1", "--latency-msec=20");
      pb.environment().put("PULSE_SERVER", server());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      int bytes = (int) (length.toMillis() * 32);
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
      byte[] buf = new byte[4096];
      try (InputStream in = p.getInputStream()) {
        long deadline = System.nanoTime() + length.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (out.size() < bytes && System.nanoTime() < deadline) {
          int n = in.read(buf, 0, Math.min(buf.length, bytes - out.size()));
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
        }
      } finally {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      ByteBuffer bb = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      short[] samples = new short[bb.remaining() / 2];
      bb.asShortBuffer().get(samples);
      return samples;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code pactl} against this server; returns stdout, throws on failure. */
  public String pactl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("pactl"));
    cmd.addAll(List.of(args));
    Result r = run(cmd);
    if (r.exit != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (" + r.exit + "): " + r.output);
    }
    return r.output;
  }

  private record Result(int exit, String output) {}

  private Result run(List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("PULSE_SERVER", server());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

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
