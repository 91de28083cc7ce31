package dev.peerphone.app.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.jna.NativeLibrary;
import dev.peerphone.app.testing.PulseServer.AudioStream;
import dev.peerphone.app.testing.PulseServer.Mic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway sound server that speaks the PulseAudio protocol, for one test class: {@link
 * PulseServer} (the PulseAudio daemon) or {@link PipeWireServer} (PipeWire with its pulse
 * server). Both start with speakers A (default) and B and virtual microphones playing distinct
 * steady tones, so one test body can run against either.
 *
 * <p>Control and observation go through Debian's {@code pactl}/{@code parec} against {@link
 * #server()}: a separate process and client library from the code under test.
 */
public interface SoundServer extends AutoCloseable {
  /** {@code unix:<dir>/…/native}: the value for {@code PULSE_SERVER}. */
  String server();

  /** Adds a virtual microphone playing {@code m.hz()} (hot-plug, as far as clients can tell). */
  void addMicrophone(Mic m);

  /** Removes a virtual microphone added before (unplugging it). */
  void removeMicrophone(String name);

  /** Stops the server and removes its directory; nothing it started keeps running. */
  @Override
  void close();

  /** Environment for a child process that should use this server. */
  default Map<String, String> env() {
    return Map.of("PULSE_SERVER", server());
  }

  /**
   * Points this JVM's native code at the server: {@code setenv("PULSE_SERVER")} in the C library
   * (Java's own environment map is a read-only copy; libpulse reads the C one).
   */
  default void exportToThisProcess() {
    NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {"PULSE_SERVER", server(), 1});
  }

  /** Adds a speaker (null sink); returns its module index for {@link #unloadModule}. */
  default int addSpeaker(String name, String description) {
    return loadModule("module-null-sink", "sink_name=" + name, properties("sink", description));
  }

  /** {@code sink_properties='device.description="…"'}: pactl joins its arguments with spaces. */
  static String properties(String kind, String description) {
    return kind + "_properties='device.description=\"" + description + "\"'";
  }

  /** {@code pactl load-module}; returns the module's index. */
  default int loadModule(String module, String... args) {
    List<String> cmd = new ArrayList<>(List.of("load-module", module));
    cmd.addAll(List.of(args));
    return Integer.parseInt(pactl(cmd.toArray(String[]::new)).trim());
  }

  default void unloadModule(int index) {
    pactl("unload-module", String.valueOf(index));
  }

  /** The source each of {@code pid}'s recording streams is on (source names), in stream order. */
  default List<String> recordingSourcesOf(long pid) {
    return recordingStreams().stream().filter(s -> s.processId().equals(String.valueOf(pid))).map(AudioStream::device)
        .toList();
  }

  /** The sink each of {@code pid}'s playback streams is on (sink names), in stream order. */
  default List<String> playbackSinksOf(long pid) {
    return playbackStreams().stream().filter(s -> s.processId().equals(String.valueOf(pid))).map(AudioStream::device)
        .toList();
  }

  /** Every recording stream (source output), in stream order. */
  default List<AudioStream> recordingStreams() {
    return streams("source-outputs", "source", "sources");
  }

  /** Every playback stream (sink input), in stream order. */
  default List<AudioStream> playbackStreams() {
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

  /** {@code pactl -f json …}, parsed. */
  default JsonArray json(String... args) {
    List<String> cmd = new ArrayList<>(List.of("-f", "json"));
    cmd.addAll(List.of(args));
    return JsonParser.parseString(pactl(cmd.toArray(String[]::new))).getAsJsonArray();
  }

  /**
   * Records what is played into {@code sink} for {@code length} (its monitor, 16 kHz mono s16).
   * Starts recording at once; returns the samples.
   */
  default short[] recordSink(String sink, Duration length) {
    return record(sink + ".monitor", length);
  }

  /** Records a source (e.g. a virtual microphone) for {@code length}, 16 kHz mono s16. */
  default short[] record(String source, Duration length) {
    return record(server(), source, 1, length);
  }

  /**
   * Records {@code source} of {@code server} for {@code length} as 16 kHz s16 with {@code
   * channels} channels; returns the first channel.
   */
  static short[] record(String server, String source, int channels, Duration length) {
    try {
      ProcessBuilder pb = new ProcessBuilder("parec", "--device=" + source, "--raw", "--format=s16le", "--rate=16000",
          "--channels=" + channels, "--latency-msec=20");
      pb.environment().put("PULSE_SERVER", server);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      int bytes = (int) (length.toMillis() * 32) * channels;
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
      short[] samples = new short[bb.remaining() / 2 / channels];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = bb.getShort(i * 2 * channels);
      }
      return samples;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code pactl} against this server; returns stdout, throws on failure. */
  default String pactl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("pactl"));
    cmd.addAll(List.of(args));
    Run r = run(server(), cmd);
    if (r.exit() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (" + r.exit() + "): " + r.output());
    }
    return r.output();
  }

  /** A finished command: its exit code (-1: timed out) and its output (stdout and stderr). */
  record Run(int exit, String output) {}

  /** Runs {@code cmd} with {@code PULSE_SERVER=server}, for at most 10 s. */
  static Run run(String server, List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("PULSE_SERVER", server);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Run(-1, "timed out");
      }
      return new Run(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
