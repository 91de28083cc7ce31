package dev.peerphone.app.rtc;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.peerphone.app.testing.ColourScreen;
import dev.peerphone.app.testing.Xvfb;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What screen sharing costs (docs/BENCHMARKS.md, "Screen sharing"): for each screen size, a
 * throwaway Xvfb with {@link ColourScreen}'s picture, and a fresh JVM on that display that
 * (1) times {@code Robot.createScreenCapture} and the libyuv ARGB→I420 conversion (plus the libyuv
 * down-scale above 1920x1080) per frame, back to back, and (2) runs the real {@link ScreenSource}
 * at 15 fps for a while, measuring its JVM's CPU time and the X server's (Xvfb does the copying
 * for the capture). Prints one JSON line per size and a Markdown table with the machine's state.
 *
 * <p>Usage: {@code bench/screen/run.sh [seconds] [sizes]} (default 20 s, 1280x720,1920x1080,2560x1440).
 */
public final class ScreenShareBench {
  private static final int FRAMES = 60;
  private static final int WARMUP = 15;

  private ScreenShareBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--measure")) {
      measure(Integer.parseInt(args[1]), Long.parseLong(args[2]));
      return;
    }
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<String> sizes = Arrays.asList((args.length > 1 ? args[1] : "1280x720,1920x1080,2560x1440").split(","));
    String before = Machine.state();
    List<JsonObject> rows = new ArrayList<>();
    for (String size : sizes) {
      String[] wh = size.split("x");
      try (Xvfb x = new Xvfb("bench-" + size, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
           ColourScreen picture = new ColourScreen(x.display())) {
        JsonObject row = child(x.display(), seconds, x.pid());
        System.out.println(row);
        rows.add(row);
      }
    }
    String after = Machine.state();
    System.out.println();
    System.out.println("Screen sharing cost (AWT Robot capture + libyuv ARGB->I420, webrtc-java CustomVideoSource)");
    System.out.println("machine before: " + before);
    System.out.println("machine after:  " + after);
    System.out.println();
    System.out.println("| screen | sent | Robot capture ms p50 (p90) | to I420 (+scale) ms p50 (p90) | at 15 fps: frames/s | JVM CPU % of one core | Xvfb CPU % of one core |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (JsonObject r : rows) {
      System.out.printf("| %s | %s | %.1f (%.1f) | %.2f (%.2f) | %.1f | %.1f | %.1f |%n", r.get("screen").getAsString(),
          r.get("sent").getAsString(), r.get("grabMsP50").getAsDouble(), r.get("grabMsP90").getAsDouble(),
          r.get("convertMsP50").getAsDouble(), r.get("convertMsP90").getAsDouble(), r.get("fps").getAsDouble(),
          r.get("jvmCpuPct").getAsDouble(), r.get("xvfbCpuPct").getAsDouble());
    }
  }

  /** Runs the measuring JVM on {@code display}; returns its JSON line plus the Xvfb share worked out by it. */
  private static JsonObject child(String display, int seconds, long xvfbPid) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"), ScreenShareBench.class.getName(),
        "--measure", Integer.toString(seconds), Long.toString(xvfbPid)).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    JsonObject result = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("{")) {
          result = JsonParser.parseString(line).getAsJsonObject();
        }
      }
    }
    if (p.waitFor() != 0 && result == null) {
      throw new IllegalStateException("measuring JVM failed with exit code " + p.exitValue());
    }
    if (result == null) {
      throw new IllegalStateException("measuring JVM printed no result");
    }
    return result;
  }

  /** In the JVM on the display: timing loop, then the real source at 15 fps. */
  private static void measure(int seconds, long xvfbPid) throws Exception {
    Class.forName("dev.onvoid.webrtc.PeerConnectionFactory"); // loads the native library
    Screens.Screen screen = Screens.find(null);
    ScreenGrabber grabber = new ScreenGrabber(screen.bounds(), screen.device());
    int w = grabber.area().width;
    int h = grabber.area().height;
    int[] out = ScreenSource.fit(w, h, ScreenSource.MAX_WIDTH, ScreenSource.MAX_HEIGHT);
    boolean scale = out[0] != w || out[1] != h;
    NativeI420Buffer full = NativeI420Buffer.allocate(w, h);
    double[] grab = new double[FRAMES];
    double[] convert = new double[FRAMES];
    for (int i = -WARMUP; i < FRAMES; i++) {
      long t0 = System.nanoTime();
      ByteBuffer pixels = grabber.grab();
      long t1 = System.nanoTime();
      VideoBufferConverter.convertToI420(pixels, full, FourCC.ARGB);
      if (scale) {
        VideoFrameBuffer s = full.cropAndScale(0, 0, w, h, out[0], out[1]);
        s.release();
      }
      long t2 = System.nanoTime();
      if (i >= 0) {
        grab[i] = (t1 - t0) / 1e6;
        convert[i] = (t2 - t1) / 1e6;
      }
    }
    full.release();

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ScreenSource source = new ScreenSource(screen, 15, reason -> System.err.println(reason));
    source.start();
    Thread.sleep(2000); // settle: JIT, first frames
    long frames0 = source.framesPushed();
    long cpu0 = os.getProcessCpuTime();
    long xvfb0 = Machine.cpuTicks(xvfbPid);
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    long xvfbTicks = Machine.cpuTicks(xvfbPid) - xvfb0;
    long frames = source.framesPushed() - frames0;
    source.dispose();

    JsonObject o = new JsonObject();
    o.addProperty("screen", screen.bounds().width + "x" + screen.bounds().height);
    o.addProperty("sent", source.quality().text());
    o.addProperty("grabMsP50", round(pct(grab, 50)));
    o.addProperty("grabMsP90", round(pct(grab, 90)));
    o.addProperty("convertMsP50", round(pct(convert, 50)));
    o.addProperty("convertMsP90", round(pct(convert, 90)));
    o.addProperty("fps", round(frames * 1e9 / wall));
    o.addProperty("jvmCpuPct", round(100.0 * cpu / wall));
    o.addProperty("xvfbCpuPct", xvfbTicks < 0 ? -1 : round(100.0 * (xvfbTicks / 100.0) / (wall / 1e9)));
    o.addProperty("seconds", seconds);
    System.out.println(o);
    System.exit(0);
  }

  private static double pct(double[] values, int p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }

  /** The machine's state from /proc: what else was running matters more than anything on 2 cores. */
  static final class Machine {
    private Machine() {}

    /** utime + stime of {@code pid} in clock ticks (100 per second on Linux), or -1. */
    static long cpuTicks(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (Exception e) {
        return -1;
      }
    }

    /** Load average, cores, steal share since boot, and the three busiest other processes right now. */
    static String state() {
      StringBuilder b = new StringBuilder();
      try {
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        b.append("load average ").append(load[0]).append(' ').append(load[1]).append(' ').append(load[2]);
        b.append("; ").append(Runtime.getRuntime().availableProcessors()).append(" cores");
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
          total += Long.parseLong(cpu[i]);
        }
        b.append(String.format("; steal %.1f %% since boot", 100.0 * Long.parseLong(cpu[8]) / total));
        Process ps = new ProcessBuilder("ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers").start();
        List<String> top = new String(ps.getInputStream().readAllBytes()).lines().limit(3).map(String::trim).toList();
        b.append("; busiest processes (ps %CPU over their lifetime): ").append(String.join(", ", top));
      } catch (Exception e) {
        b.append(" (").append(e).append(')');
      }
      return b.toString();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
