package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.video.VideoDevice;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device enumeration with a time limit. On Linux, webrtc-java 0.14.0's audio enumeration and
 * device-change registration hang forever when no PulseAudio server is reachable, so every probe
 * runs on its own daemon thread and the caller waits at most {@code timeout}; a hung probe
 * thread is abandoned (it holds no lock of ours). Never call these on a UI thread.
 *
 * <p>Threading: any thread except native callbacks; blocks the caller up to the timeout.
 */
public final class Devices {
  private static final Logger log = LoggerFactory.getLogger(Devices.class);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  private Devices() {}

  public static List<VideoDevice> cameras(Duration timeout) {
    return probe("camera enumeration", MediaDevices::getVideoCaptureDevices, timeout).orElse(List.of());
  }

  static <T> Optional<T> probe(String what, Callable<T> task, Duration timeout) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "device-probe");
    t.setDaemon(true);
    t.start();
    try {
      return Optional.ofNullable(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      log.warn("{} did not return within {} ms (no PulseAudio server?); continuing without", what, timeout.toMillis());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      log.warn("{} failed: {}", what, e.getCause() == null ? e.toString() : e.getCause().toString());
      return Optional.empty();
    }
  }
}
