package dev.peerphone.app.audio;

import dev.peerphone.app.audio.AudioServer.Direction;
import dev.peerphone.app.audio.AudioServer.Endpoint;
import dev.peerphone.app.audio.AudioServer.Fallback;
import dev.peerphone.app.audio.PulseClient.Device;
import dev.peerphone.app.audio.PulseClient.Stream;
import java.util.List;
import java.util.Optional;

/**
 * Keeps this process's libwebrtc streams of one direction (recording: source outputs on sources;
 * playback: sink inputs on sinks) on one device. Until the first {@link #route} it leaves streams
 * wherever the server put them; afterwards every stream of ours that is elsewhere is moved, which
 * also undoes moves made by a mixer application.
 *
 * <p>Only streams whose properties say application.name {@link AudioServer#WEBRTC_APPLICATION}
 * and application.process.id of this process are touched: other programs, and other libpulse
 * users in this process, keep their streams.
 *
 * <p>Threading: pulse-client thread only (all state is unguarded).
 */
final class StreamRouter {
  private final Direction direction;
  private final PulseClient client;
  private final String processId;
  private boolean active;
  /** The chosen device, or null for the server's default. */
  private String target;
  /** The first device refresh that may declare the target lost (sent after it was chosen). */
  private long judgeFrom;
  private List<Device> devices = List.of();
  private String defaultDevice;
  private boolean listing;
  private boolean listAgain;

  StreamRouter(Direction direction, PulseClient client, long processId) {
    this.direction = direction;
    this.client = client;
    this.processId = String.valueOf(processId);
  }

  /**
   * Chooses {@code device} (null: the default). Device lists from refreshes numbered below
   * {@code nextRefresh} were asked for before this choice, so they cannot declare it lost.
   */
  void route(String device, long nextRefresh) {
    active = true;
    target = device;
    judgeFrom = nextRefresh;
  }

  /**
   * Takes the server's devices from refresh number {@code refresh}; if the chosen one is not
   * among them, routing falls back to the default and the returned value says what was lost.
   */
  Optional<Fallback> devices(long refresh, List<Device> now, String defaultNow) {
    List<Device> before = devices;
    devices = now;
    defaultDevice = defaultNow;
    if (target == null || refresh < judgeFrom || find(now, target) != null) {
      return Optional.empty();
    }
    Device known = find(before, target);
    Endpoint lost = new Endpoint(target, known != null ? known.description() : target);
    target = null;
    return Optional.of(new Fallback(direction, lost));
  }

  /** Streams came, went or changed: lists them and moves ours that are elsewhere. Coalesced. */
  void streamsChanged() {
    if (!active) {
      return;
    }
    if (listing) {
      listAgain = true;
      return;
    }
    listing = true;
    if (direction == Direction.RECORDING) {
      client.sourceOutputs(this::moveStrays);
    } else {
      client.sinkInputs(this::moveStrays);
    }
  }

  private void moveStrays(List<Stream> all) {
    listing = false;
    String name = target != null ? target : defaultDevice;
    Device device = name == null ? null : find(devices, name);
    if (device != null) {
      for (Stream s : all) {
        if (ours(s) && s.device() != device.index()) {
          move(s.index(), device.name());
        }
      }
    }
    if (listAgain) {
      listAgain = false;
      streamsChanged();
    }
  }

  private void move(int stream, String device) {
    if (direction == Direction.RECORDING) {
      client.moveSourceOutput(stream, device);
    } else {
      client.moveSinkInput(stream, device);
    }
  }

  private boolean ours(Stream s) {
    return AudioServer.WEBRTC_APPLICATION.equals(s.application()) && processId.equals(s.processId());
  }

  private static Device find(List<Device> devices, String name) {
    for (Device d : devices) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
