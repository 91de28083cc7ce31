package dev.peerphone.app.ui.bench;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.peerphone.app.ui.FrameSlot;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The desktop render path per frame, as {@code VideoRenderer} runs it: the sink side hands the
 * frame to the newest-frame slot (retain, swap), the FX side takes it, libyuv converts I420 into
 * the direct buffer behind the JavaFX PixelBuffer, and the frame is released. (JavaFX's own
 * {@code updateBuffer} bookkeeping needs the FX thread and is left out.) Run with
 * {@code app/bench-render.sh}; results in docs/BENCHMARKS.md "Desktop rendering".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RenderBench {
  @Param({"640x480", "1280x720", "1920x1080"})
  public String size;

  private NativeI420Buffer buffer;
  private VideoFrame frame;
  private ByteBuffer pixels;
  private final FrameSlot slot = new FrameSlot();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Class.forName("dev.onvoid.webrtc.PeerConnectionFactory"); // loads the native library
    String[] wh = size.split("x");
    int w = Integer.parseInt(wh[0]);
    int h = Integer.parseInt(wh[1]);
    buffer = NativeI420Buffer.allocate(w, h);
    ByteBuffer y = buffer.getDataY();
    for (int i = 0; i < y.capacity(); i++) {
      y.put(i, (byte) (i * 7));
    }
    frame = new VideoFrame(buffer, 0);
    frame.retain(); // the benchmark's own reference: offer/take/release below stay balanced
    pixels = ByteBuffer.allocateDirect(w * h * 4);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    frame.release();
  }

  /** Slot hand-over plus I420→BGRA conversion plus release: one drawn frame. */
  @Benchmark
  public ByteBuffer renderFrame() throws Exception {
    slot.offer(frame);
    VideoFrame f = slot.take();
    try {
      VideoBufferConverter.convertFromI420(f.buffer, pixels, FourCC.ARGB);
    } finally {
      f.release();
    }
    return pixels;
  }

  /** The slot hand-over alone (retain, swap, take, release): what our code adds per frame. */
  @Benchmark
  public VideoFrame handOver() {
    slot.offer(frame);
    VideoFrame f = slot.take();
    f.release();
    return f;
  }

  /** Optional argument: a regex of benchmark methods to run (default: all). */
  public static void main(String[] args) throws Exception {
    String only = args.length > 0 ? "." + args[0] : "";
    new Runner(new OptionsBuilder().include(RenderBench.class.getSimpleName() + only)
        .addProfiler(GCProfiler.class).build()).run();
  }
}
