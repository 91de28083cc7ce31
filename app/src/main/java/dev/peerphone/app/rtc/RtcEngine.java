package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.peerphone.app.call.IceServer;
import dev.peerphone.app.call.MediaEngine;
import dev.peerphone.app.call.PeerLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webrtc-java side of a client: one factory and audio device module, the shared local media,
 * and one {@link PeerSession} per remote user.
 *
 * <p>Threading: created with the call executor; {@link #open}, {@link #setEnabled} and
 * {@link #isEnabled} run on it (the controller calls them there). The public device methods
 * post to it and may be called from any thread except the call executor itself.
 */
public final class RtcEngine implements MediaEngine {
  private static final Logger log = LoggerFactory.getLogger(RtcEngine.class);
  public static final String TEST_PATTERN_640 = "Test pattern 640x480";
  public static final String TEST_PATTERN_320 = "Test pattern 320x240";
  public static final String TEST_PATTERN_1280 = "Test pattern 1280x720";
  private static final List<String> TEST_PATTERNS = List.of(TEST_PATTERN_640, TEST_PATTERN_320, TEST_PATTERN_1280);

  private final ScheduledExecutorService executor;
  private final AudioDeviceModuleBase adm;
  private final PeerConnectionFactory factory;
  private final LocalMedia media;
  private List<VideoDevice> cameras;
  private boolean closed;

  private RtcEngine(ScheduledExecutorService executor, MediaConfig config) {
    this.executor = executor;
    this.adm = audioModule(config);
    this.factory = new PeerConnectionFactory(adm); // loads the native library
    this.cameras = config.camera() != null && TEST_PATTERNS.contains(config.camera())
        ? List.of() : Devices.cameras(Devices.DEFAULT_TIMEOUT);
    this.media = new LocalMedia(factory, initialVideo(config.camera()));
  }

  /** Creates the engine on the call executor and waits for it. */
  public static RtcEngine create(ScheduledExecutorService callExecutor, MediaConfig config) {
    return await(CompletableFuture.supplyAsync(() -> new RtcEngine(callExecutor, config), callExecutor));
  }

  private static AudioDeviceModuleBase audioModule(MediaConfig config) {
    if (!config.fakeAudio()) {
      // Without a PulseAudio server the real module throws; probing it may also hang, hence the probe.
      Optional<AudioDeviceModuleBase> real = Devices.probe("audio module", () -> {
        AudioDeviceModule m = new AudioDeviceModule();
        if (m.getRecordingDevices().isEmpty()) {
          m.dispose();
          return null;
        }
        return m;
      }, Devices.DEFAULT_TIMEOUT);
      if (real.isPresent()) {
        return real.get();
      }
      log.info("no usable microphone; sending silence");
    }
    return new HeadlessAudioDeviceModule();
  }

  private VideoInput initialVideo(String wanted) {
    if (wanted == null && !cameras.isEmpty()) {
      return inputFor(cameras.get(0).getName());
    }
    return inputFor(wanted == null ? TEST_PATTERN_640 : wanted);
  }

  /** A test pattern by name, or a camera by name; unknown names fall back to the 640x480 pattern. */
  private VideoInput inputFor(String name) {
    switch (name) {
      case TEST_PATTERN_320:
        return new TestPatternSource(name, 320, 240, 30);
      case TEST_PATTERN_1280:
        return new TestPatternSource(name, 1280, 720, 30);
      case TEST_PATTERN_640:
        return new TestPatternSource(name, 640, 480, 30);
      default:
        for (VideoDevice d : cameras) {
          if (d.getName().equals(name)) {
            try {
              return new CameraSource(d);
            } catch (Throwable t) {
              log.warn("camera {} unusable: {}", name, t.toString());
            }
          }
        }
        log.warn("no camera named '{}'; using the test pattern", name);
        return new TestPatternSource(TEST_PATTERN_640, 640, 480, 30);
    }
  }

  @Override
  public PeerLink open(String peer, List<IceServer> iceServers, boolean offerer, PeerLink.Listener listener) {
    PeerSession s = new PeerSession(factory, Sdp.configuration(iceServers), media, peer, executor, listener);
    media.attach(s); // detached again by s.close()
    return s;
  }

  @Override
  public void setEnabled(String kind, boolean enabled) {
    media.setEnabled(kind, enabled);
  }

  @Override
  public boolean isEnabled(String kind) {
    return media.isEnabled(kind);
  }

  /** Camera and test-pattern names, real cameras first (enumerated with a time limit). */
  public List<String> cameraNames() {
    return call(() -> {
      List<String> names = new ArrayList<>();
      cameras.forEach(d -> names.add(d.getName()));
      names.addAll(TEST_PATTERNS);
      return names;
    });
  }

  /** Microphone names (empty on a machine without PulseAudio: enumeration would hang). */
  public List<String> microphoneNames() {
    List<String> names = new ArrayList<>();
    for (AudioDevice d : Devices.microphones(Devices.DEFAULT_TIMEOUT)) {
      names.add(d.getName());
    }
    return names;
  }

  /** The video input in use. */
  public String currentCamera() {
    return call(media::videoInputName);
  }

  /** Switches the camera (or test pattern) for every call, without renegotiation. */
  public void selectCamera(String name) {
    call(() -> {
      media.switchVideo(inputFor(name));
      return null;
    });
  }

  /**
   * A device disappeared: if it is the camera in use, fall back to another camera or the test
   * pattern. Called from the device watcher (and tests) on any thread.
   */
  public void cameraRemoved(String name) {
    call(() -> {
      cameras = cameras.stream().filter(d -> !d.getName().equals(name)).toList();
      if (media.videoInputName().equals(name)) {
        String fallback = cameras.isEmpty() ? TEST_PATTERNS.stream().filter(n -> !n.equals(name)).findFirst().get()
            : cameras.get(0).getName();
        log.info("camera {} in use disappeared; switching to {}", name, fallback);
        media.switchVideo(inputFor(fallback));
      }
      return null;
    });
  }

  /** Shuts down in the order of the notes: sessions, tracks and sources, factory, ADM. Idempotent. */
  public void close() {
    call(() -> {
      if (closed) {
        return null;
      }
      closed = true;
      for (PeerSession s : media.sessions()) {
        s.close();
      }
      media.dispose();
      try {
        factory.dispose();
      } catch (Throwable t) {
        log.warn("factory dispose: {}", t.toString());
      }
      try {
        adm.dispose();
      } catch (Throwable t) {
        log.warn("adm dispose: {}", t.toString());
      }
      return null;
    });
  }

  private <T> T call(java.util.concurrent.Callable<T> task) {
    return await(CompletableFuture.supplyAsync(() -> {
      try {
        return task.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, executor));
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
    }
  }
}
