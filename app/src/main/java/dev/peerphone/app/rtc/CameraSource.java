package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;
import dev.onvoid.webrtc.media.video.VideoTrackSource;

/**
 * A real camera through {@link VideoDeviceSource} (matched by name, 640x480@30 requested).
 * Errors surface as {@code java.lang.Error: Unhandled Exception}; callers catch Throwable.
 * Threading: call executor.
 */
final class CameraSource implements VideoInput {
  private final VideoDevice device;
  private final VideoDeviceSource source = new VideoDeviceSource();

  CameraSource(VideoDevice device) {
    this.device = device;
    source.setVideoCaptureDevice(device);
    source.setVideoCaptureCapability(new VideoCaptureCapability(640, 480, 30));
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
