package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.Device;
import dev.onvoid.webrtc.media.DeviceChangeListener;
import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.video.VideoDevice;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot-plug: forwards camera and microphone arrivals and removals to the engine. Registration
 * itself hangs without a PulseAudio server (0.14.0), so it goes through {@link Devices#probe}.
 *
 * <p>Threading: callbacks come from the udev monitor thread (cameras) or the Pulse subscription
 * (audio); they only post to the engine's executor, never block and never throw.
 */
final class DeviceWatcher implements DeviceChangeListener {
  private static final Logger log = LoggerFactory.getLogger(DeviceWatcher.class);

  /** What changed: the device, and whether it arrived (true) or went away (false). */
  record Change(Device device, boolean added) {
    boolean isCamera() {
      return device instanceof VideoDevice;
    }

    boolean isMicrophone() {
      return device instanceof AudioDevice;
    }
  }

  private final Consumer<Change> sink;
  private boolean registered;

  DeviceWatcher(Consumer<Change> sink) {
    this.sink = sink;
  }

  /** Registers with a time limit; returns false where hot-plug is unavailable. */
  boolean start() {
    registered = Devices.probe("device-change registration", () -> {
      MediaDevices.addDeviceChangeListener(this);
      return true;
    }, Devices.DEFAULT_TIMEOUT).orElse(false);
    return registered;
  }

  void stop() {
    if (registered) {
      Devices.probe("device-change removal", () -> {
        MediaDevices.removeDeviceChangeListener(this);
        return true;
      }, Devices.DEFAULT_TIMEOUT);
      registered = false;
    }
  }

  @Override
  public void deviceConnected(Device device) {
    forward(new Change(device, true));
  }

  @Override
  public void deviceDisconnected(Device device) {
    forward(new Change(device, false));
  }

  private void forward(Change c) {
    try {
      sink.accept(c);
    } catch (Throwable t) {
      log.warn("device change {}", c, t);
    }
  }
}
