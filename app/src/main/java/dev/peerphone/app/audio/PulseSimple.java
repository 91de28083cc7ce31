package dev.peerphone.app.audio;

import com.sun.jna.Function;
import com.sun.jna.IntegerType;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;

/**
 * The few calls of libpulse-simple we need, through JNA: blocking record and playback streams
 * of signed 16-bit mono PCM, with small buffers. Every symbol is resolved when the library
 * loads, so a machine without libpulse (Windows, most Macs) or with a broken one fails once, at
 * {@link #get()}, with a {@link Failure} that says "no audio server" — never with an
 * {@link Error} later.
 *
 * <p>The server comes from libpulse's usual configuration ({@code PULSE_SERVER}, the user's
 * runtime directory, client.conf); PipeWire's pulse server works the same way, except that it
 * would open a stream for a device it does not have (on the default one): {@link #open} asks
 * for the server's devices first, so a missing device fails on both.
 *
 * <p>Threading: {@link #get()} and {@link #open} from any thread. A {@link Stream} blocks in
 * every call and belongs to one thread at a time (pa_simple is not thread-safe).
 */
final class PulseSimple {
  /** The application name of our own streams, so they are never taken for libwebrtc's. */
  static final String APPLICATION = "Peerphone";

  private static final int PA_STREAM_PLAYBACK = 1;
  private static final int PA_STREAM_RECORD = 2;
  private static final int PA_SAMPLE_S16LE = 3;
  private static final int PA_SAMPLE_S16BE = 4;
  /** PA_ERR_CONNECTIONREFUSED, _TIMEOUT, _CONNECTIONTERMINATED, _INVALIDSERVER: no server to talk to. */
  private static final List<Integer> NO_SERVER = List.of(6, 8, 11, 13);
  /** How long {@link #open} waits for the server to list its devices before opening anyway. */
  private static final Duration DEVICE_CHECK_TIMEOUT = Duration.ofSeconds(2);

  /** What went wrong, in words fit for a log line ("no audio server: Connection refused"). */
  static final class Failure extends Exception {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** {@code pa_sample_spec}. */
  @Structure.FieldOrder({"format", "rate", "channels"})
  public static final class SampleSpec extends Structure {
    public int format;
    public int rate;
    public byte channels;
  }

  /** {@code pa_buffer_attr}, in bytes; -1 leaves a field to the server. */
  @Structure.FieldOrder({"maxlength", "tlength", "prebuf", "minreq", "fragsize"})
  public static final class BufferAttr extends Structure {
    public int maxlength = -1;
    public int tlength = -1;
    public int prebuf = -1;
    public int minreq = -1;
    public int fragsize = -1;
  }

  /** {@code size_t}. */
  public static final class SizeT extends IntegerType {
    public SizeT() {
      this(0);
    }

    public SizeT(long value) {
      super(Native.SIZE_T_SIZE, value, true);
    }
  }

  private final Function simpleNew;
  private final Function simpleRead;
  private final Function simpleWrite;
  private final Function simpleDrain;
  private final Function simpleFlush;
  private final Function simpleFree;
  private final Function strerror;

  private PulseSimple(NativeLibrary simple, NativeLibrary pulse) {
    simpleNew = simple.getFunction("pa_simple_new");
    simpleRead = simple.getFunction("pa_simple_read");
    simpleWrite = simple.getFunction("pa_simple_write");
    simpleDrain = simple.getFunction("pa_simple_drain");
    simpleFlush = simple.getFunction("pa_simple_flush");
    simpleFree = simple.getFunction("pa_simple_free");
    strerror = pulse.getFunction("pa_strerror");
  }

  private static final class Default {
    static final PulseSimple LIBRARY;
    static final Failure FAILURE;

    static {
      PulseSimple library = null;
      Failure failure = null;
      try {
        library = load(List.of("libpulse-simple.so.0", "pulse-simple"), List.of("libpulse.so.0", "pulse"));
      } catch (Failure e) {
        failure = e;
      }
      LIBRARY = library;
      FAILURE = failure;
    }
  }

  /** The system's libpulse-simple, loaded once; or why there is none. */
  static PulseSimple get() throws Failure {
    if (Default.LIBRARY == null) {
      throw new Failure(Default.FAILURE.getMessage(), Default.FAILURE.getCause());
    }
    return Default.LIBRARY;
  }

  /** Loads the first of {@code simpleNames} (and of {@code pulseNames}, for pa_strerror) that exists. */
  static PulseSimple load(List<String> simpleNames, List<String> pulseNames) throws Failure {
    Throwable last = null;
    for (String simpleName : simpleNames) {
      for (String pulseName : pulseNames) {
        try {
          return new PulseSimple(NativeLibrary.getInstance(simpleName), NativeLibrary.getInstance(pulseName));
        } catch (LinkageError | RuntimeException e) { // UnsatisfiedLinkError, or JNA's own native part missing
          last = e;
        }
      }
    }
    throw new Failure("no audio server: cannot load " + simpleNames + (last == null ? "" : ": " + reason(last)), last);
  }

  /** The dynamic linker's line of JNA's message, not the resource path JNA also searched. */
  private static String reason(Throwable e) {
    String message = String.valueOf(e.getMessage());
    for (String line : message.split("\n")) {
      if (line.contains("cannot open") || line.contains("not found") && !line.contains("resource path")) {
        return line.trim();
      }
    }
    return message.lines().findFirst().orElse(message);
  }

  /**
   * Opens a stream of signed 16-bit mono PCM at {@code rate}: {@code record} from a source, or
   * else playback to a sink; {@code device} null means the server's default. For recording,
   * {@code bufferMs} is the fragment size (how often data arrives); for playback, the target
   * buffer length (how much is queued ahead, and so how late {@link Stream#flush} cuts in).
   */
  Stream open(boolean record, String device, String streamName, int rate, int bufferMs) throws Failure {
    if (device != null && !exists(record, device)) {
      throw new Failure("cannot open " + (record ? "recording from " : "playback to ") + device
          + ": No such entity", null);
    }
    SampleSpec spec = new SampleSpec();
    spec.format = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? PA_SAMPLE_S16LE : PA_SAMPLE_S16BE;
    spec.rate = rate;
    spec.channels = 1;
    BufferAttr attr = new BufferAttr();
    int bytes = rate * 2 * bufferMs / 1000;
    if (record) {
      attr.fragsize = bytes;
    } else {
      attr.tlength = bytes;
      attr.minreq = bytes / 2;
    }
    IntByReference error = new IntByReference();
    try {
      Pointer s = simpleNew.invokePointer(new Object[] {null, APPLICATION, record ? PA_STREAM_RECORD : PA_STREAM_PLAYBACK,
          device, streamName, spec, null, attr, error});
      if (s == null) {
        String what = NO_SERVER.contains(error.getValue()) ? "no audio server: cannot open " : "cannot open ";
        throw new Failure(what + (record ? "recording from " : "playback to ")
            + (device == null ? "the default device" : device) + ": " + describe(error.getValue()), null);
      }
      return new Stream(s);
    } catch (LinkageError | RuntimeException e) {
      throw new Failure("no audio server: " + e, e);
    }
  }

  /**
   * Whether the server has {@code device}; true when it cannot be told (then pa_simple says
   * what is wrong). Asked first because PipeWire's pulse server, unlike PulseAudio, opens a
   * stream for a device that does not exist on the default device instead (and moves it to that
   * device should it appear): a meter would show another microphone's level, a ringtone would
   * ring on another speaker.
   */
  private static boolean exists(boolean record, String device) {
    return DeviceNames.names(APPLICATION, record, DEVICE_CHECK_TIMEOUT).map(names -> names.contains(device))
        .orElse(true);
  }

  private String describe(int error) {
    try {
      String text = strerror.invokeString(new Object[] {error}, false);
      return text == null ? "error " + error : text;
    } catch (RuntimeException e) {
      return "error " + error;
    }
  }

  /** One open pa_simple stream. Owned by one thread at a time; every call blocks. */
  final class Stream implements AutoCloseable {
    private Pointer s;

    private Stream(Pointer s) {
      this.s = s;
    }

    /** Fills {@code into} with recorded samples; blocks until it is full. */
    void read(short[] into) throws Failure {
      call("read", simpleRead, new Object[] {s, into, new SizeT(into.length * 2L), new IntByReference()});
    }

    /** Queues {@code samples[0, length)} for playback; blocks until the buffer takes them. */
    void write(short[] samples, int length) throws Failure {
      call("write", simpleWrite, new Object[] {s, samples, new SizeT(length * 2L), new IntByReference()});
    }

    /** Blocks until everything queued has been played. */
    void drain() throws Failure {
      call("drain", simpleDrain, new Object[] {s, new IntByReference()});
    }

    /** Drops what is queued and not yet played. */
    void flush() throws Failure {
      call("flush", simpleFlush, new Object[] {s, new IntByReference()});
    }

    private void call(String what, Function f, Object[] args) throws Failure {
      if (s == null) {
        throw new Failure(what + ": stream closed", null);
      }
      IntByReference error = (IntByReference) args[args.length - 1];
      int result;
      try {
        result = f.invokeInt(args);
      } catch (LinkageError | RuntimeException e) {
        throw new Failure(what + ": " + e, e);
      }
      if (result < 0) {
        throw new Failure(what + ": " + describe(error.getValue()), null);
      }
    }

    /** Disconnects and frees the stream. Idempotent. */
    @Override
    public void close() {
      if (s != null) {
        Pointer p = s;
        s = null;
        simpleFree.invokeVoid(new Object[] {p});
      }
    }
  }
}
