package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;
import dev.onvoid.webrtc.media.video.VideoTrackSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real camera through {@link VideoDeviceSource} (matched by name), asked for the mode it offers
 * that best fits the requested {@link VideoQuality} (640x480@30 when none is requested); see
 * {@link #choose}. Errors surface as {@code java.lang.Error: Unhandled Exception}; callers catch
 * Throwable. Threading: call executor.
 *
 * <p>Untested against hardware: the development and CI machines have no camera (no V4L2
 * device), so only {@link #choose} is unit-tested; the capture path itself is webrtc-java's.
 */
final class CameraSource implements VideoInput {
  private static final Logger log = LoggerFactory.getLogger(CameraSource.class);
  static final VideoQuality DEFAULT = new VideoQuality(640, 480, 30);

  private final VideoDevice device;
  private final VideoQuality quality;
  private final VideoDeviceSource source = new VideoDeviceSource();

  /** {@code wanted}: null for {@link #DEFAULT}. Asks the camera for its modes (time-limited). */
  CameraSource(VideoDevice device, VideoQuality wanted) {
    this.device = device;
    VideoQuality want = wanted == null ? DEFAULT : wanted;
    this.quality = choose(modes(device), want);
    if (!quality.equals(want)) {
      log.info("camera {}: asked for {}, using its mode {}", device.getName(), want, quality);
    }
    source.setVideoCaptureDevice(device);
    source.setVideoCaptureCapability(new VideoCaptureCapability(quality.width(), quality.height(), quality.fps()));
  }

  /** The camera's modes; empty when it reports none or the query does not return in time. */
  private static List<VideoQuality> modes(VideoDevice device) {
    List<VideoCaptureCapability> caps = Devices.probe("camera capabilities",
        () -> MediaDevices.getVideoCaptureCapabilities(device), Devices.DEFAULT_TIMEOUT).orElse(List.of());
    List<VideoQuality> modes = new ArrayList<>();
    for (VideoCaptureCapability c : caps) {
      if (c != null && c.width > 0 && c.height > 0 && c.frameRate > 0) {
        modes.add(new VideoQuality(c.width, c.height, c.frameRate));
      }
    }
    return modes;
  }

  /**
   * The mode to ask a camera for. In order: a mode of exactly the wanted size that reaches the
   * wanted rate; else the smallest (by area) that covers the wanted size and rate; else the
   * largest (by area, then rate). The rate is then clamped to what that mode offers. With no
   * modes at all, {@code wanted} itself. Pure.
   */
  static VideoQuality choose(List<VideoQuality> modes, VideoQuality wanted) {
    if (modes.isEmpty()) {
      return wanted;
    }
    Comparator<VideoQuality> byArea = Comparator.comparingLong((VideoQuality m) -> (long) m.width() * m.height())
        .thenComparingInt(VideoQuality::fps);
    VideoQuality mode = modes.stream()
        .filter(m -> m.width() == wanted.width() && m.height() == wanted.height() && m.fps() >= wanted.fps())
        .findFirst()
        .or(() -> modes.stream()
            .filter(m -> m.width() >= wanted.width() && m.height() >= wanted.height() && m.fps() >= wanted.fps())
            .min(byArea))
        .orElseGet(() -> modes.stream().max(byArea).orElseThrow());
    return new VideoQuality(mode.width(), mode.height(), Math.min(wanted.fps(), mode.fps()));
  }

  @Override
  public String name() {
    return device.getName();
  }

  @Override
  public VideoTrackSource source() {
    return source;
  }

  @Override
  public VideoQuality quality() {
    return quality;
  }

  @Override
  public void start() {
    source.start();
  }

  @Override
  public void stop() {
    source.stop();
  }

  @Override
  public void dispose() {
    source.dispose();
  }
}
