package dev.peerphone.app.audio;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The leading fields of libpulse's info structs (pulse/introspect.h, sample.h, channelmap.h,
 * volume.h), in header order, up to the last field we read. Reading only a prefix is safe: the
 * struct libpulse hands us is at least this long, and every field listed here has been in the
 * header since PulseAudio 0.9.11. Offsets are pinned by {@code PulseAudioStructsTest} against
 * what gcc reports for the real headers.
 *
 * <p>Each reader copies the struct at once ({@link Structure#read()}): libpulse's pointer is only
 * valid during the callback that delivers it. JNA needs the classes and fields public.
 */
final class PulseStructs {
  private PulseStructs() {}

  /** {@code PA_CHANNELS_MAX}. */
  private static final int CHANNELS_MAX = 32;

  /** {@code pa_sample_spec}. */
  @FieldOrder({"format", "rate", "channels"})
  public static class SampleSpec extends Structure {
    public int format;
    public int rate;
    public byte channels;
  }

  /** {@code pa_channel_map}. */
  @FieldOrder({"channels", "map"})
  public static class ChannelMap extends Structure {
    public byte channels;
    public int[] map = new int[CHANNELS_MAX];
  }

  /** {@code pa_cvolume}. */
  @FieldOrder({"channels", "values"})
  public static class CVolume extends Structure {
    public byte channels;
    public int[] values = new int[CHANNELS_MAX];
  }

  /** {@code pa_server_info}, up to {@code default_source_name}. */
  @FieldOrder({"userName", "hostName", "serverVersion", "serverName", "sampleSpec", "defaultSinkName",
      "defaultSourceName"})
  public static class ServerInfo extends Structure {
    public Pointer userName;
    public Pointer hostName;
    public Pointer serverVersion;
    public Pointer serverName;
    public SampleSpec sampleSpec;
    public Pointer defaultSinkName;
    public Pointer defaultSourceName;

    public ServerInfo(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code pa_sink_info}, up to {@code description}. */
  @FieldOrder({"name", "index", "description"})
  public static class SinkInfo extends Structure {
    public Pointer name;
    public int index;
    public Pointer description;

    public SinkInfo(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code pa_source_info}, up to {@code monitor_of_sink}. */
  @FieldOrder({"name", "index", "description", "sampleSpec", "channelMap", "ownerModule", "volume", "mute",
      "monitorOfSink"})
  public static class SourceInfo extends Structure {
    public Pointer name;
    public int index;
    public Pointer description;
    public SampleSpec sampleSpec;
    public ChannelMap channelMap;
    public int ownerModule;
    public CVolume volume;
    public int mute;
    /** The sink this source monitors, or {@link PulseLib#INVALID_INDEX} for a real source. */
    public int monitorOfSink;

    public SourceInfo(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code pa_source_output_info} (a recording stream), up to {@code proplist}. */
  @FieldOrder({"index", "name", "ownerModule", "client", "source", "sampleSpec", "channelMap", "bufferUsec",
      "sourceUsec", "resampleMethod", "driver", "proplist"})
  public static class SourceOutputInfo extends Structure {
    public int index;
    public Pointer name;
    public int ownerModule;
    public int client;
    public int source;
    public SampleSpec sampleSpec;
    public ChannelMap channelMap;
    public long bufferUsec;
    public long sourceUsec;
    public Pointer resampleMethod;
    public Pointer driver;
    public Pointer proplist;

    public SourceOutputInfo(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code pa_sink_input_info} (a playback stream), up to {@code proplist}. */
  @FieldOrder({"index", "name", "ownerModule", "client", "sink", "sampleSpec", "channelMap", "volume",
      "bufferUsec", "sinkUsec", "resampleMethod", "driver", "mute", "proplist"})
  public static class SinkInputInfo extends Structure {
    public int index;
    public Pointer name;
    public int ownerModule;
    public int client;
    public int sink;
    public SampleSpec sampleSpec;
    public ChannelMap channelMap;
    public CVolume volume;
    public long bufferUsec;
    public long sinkUsec;
    public Pointer resampleMethod;
    public Pointer driver;
    public int mute;
    public Pointer proplist;

    public SinkInputInfo(Pointer p) {
      super(p);
      read();
    }
  }
}
