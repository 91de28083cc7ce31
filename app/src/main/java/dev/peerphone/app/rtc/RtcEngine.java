package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.call.MediaEngine;
import dev.peerphone.app.call.PeerLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
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
public final class RtcEngine implements MediaEngine, dev.peerphone.app.peerjs.PeerJsMedia {
  private static final Logger log = LoggerFactory.getLogger(RtcEngine.class);
  public static final String TEST_PATTERN_640 = "Test pattern 640x480";
  public static final String TEST_PATTERN_320 = "Test pattern 320x240";
  public static final String TEST_PATTERN_1280 = "Test pattern 1280x720";
  static final List<String> TEST_PATTERNS = List.of(TEST_PATTERN_640, TEST_PATTERN_320, TEST_PATTERN_1280);

  private final ScheduledExecutorService executor;
  private final LocalAudio audio;
  private final AudioControl audioControl;
  private final PeerConnectionFactory factory;
  private final LocalMedia media;
  private List<VideoDevice> cameras;
  private final DeviceWatcher watcher;
  private volatile Runnable onDevicesChanged = () -> { };
  /** The size and rate asked for, or null for each input's own default (call executor). */
  private VideoQuality quality;
  /** While a screen is shared: the camera or test pattern to go back to; else null (call executor). */
  private String sharingReturnTo;
  private volatile java.util.function.Consumer<String> onSharingEnded = reason -> { };
  private boolean closed;

  private RtcEngine(ScheduledExecutorService executor, MediaConfig config) {
    this.executor = executor;
    this.cameras = config.camera() != null && TEST_PATTERNS.contains(config.camera())
        ? List.of() : Devices.cameras(Devices.DEFAULT_TIMEOUT);
    this.quality = config.video();
    DeviceList.requireCamera(config.camera(), cameraNamesNow());
    // Validates --mic/--speaker before anything native is created.
    this.audio = LocalAudio.open(config, config.fakeAudio() ? Optional.empty() : LocalAudio.connectServer());
    this.factory = new PeerConnectionFactory(audio.module()); // loads the native library
    this.media = new LocalMedia(factory, initialVideo(config.camera()));
    this.audioControl = new AudioControl(executor, audio, media);
    this.watcher = new DeviceWatcher(this::deviceChanged);
    if (!TEST_PATTERNS.contains(String.valueOf(config.camera()))) {
      watcher.start(); // a real camera may be in use: follow hot-plug
    }
  }

  /** Microphones, speakers and who is speaking. */
  public AudioControl audio() {
    return audioControl;
  }

  /** Called (on the call executor) after a camera came or went. */
  public void setOnDevicesChanged(Runnable r) {
    onDevicesChanged = r;
  }

  /** From the device watcher's native thread: post, never block there. */
  private void deviceChanged(DeviceWatcher.Change c) {
    executor.execute(() -> {
      try {
        if (c.isCamera()) {
          if (c.added()) {
            List<VideoDevice> list = new ArrayList<>(cameras);
            list.add((VideoDevice) c.device());
            cameras = list;
          } else {
            removeCamera(c.device().getName());
          }
          onDevicesChanged.run();
        } // audio devices: followed through the sound server (audioDevicesChanged)
      } catch (Throwable t) {
        log.warn("device change", t);
      }
    });
  }

  /** Creates the engine on the call executor and waits for it. */
  public static RtcEngine create(ScheduledExecutorService callExecutor, MediaConfig config) {
    return OnExecutor.await(CompletableFuture.supplyAsync(() -> new RtcEngine(callExecutor, config), callExecutor));
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
        return pattern(name, 320, 240);
      case TEST_PATTERN_1280:
        return pattern(name, 1280, 720);
      case TEST_PATTERN_640:
        return pattern(name, 640, 480);
      default:
        for (VideoDevice d : cameras) {
          if (d.getName().equals(name)) {
            try {
              return new CameraSource(d, quality);
            } catch (Throwable t) {
              log.warn("camera {} unusable: {}", name, t.toString());
            }
          }
        }
        log.warn("no camera named '{}'; using the test pattern", name);
        return pattern(TEST_PATTERN_640, 640, 480);
    }
  }

  /** A test pattern at the chosen quality, else at its own size and 30 fps. */
  private TestPatternSource pattern(String name, int width, int height) {
    return new TestPatternSource(name, quality != null ? quality : new VideoQuality(width, height, 30));
  }

  @Override
  public PeerLink open(String peer, IceConfig ice, boolean offerer, PeerLink.Listener listener) {
    PeerSession s = new PeerSession(factory, Sdp.configuration(ice), media, peer, executor, listener);
    media.attach(s); // detached again by s.close()
    return s;
  }

  @Override
  public dev.peerphone.app.peerjs.PeerJsLink openPeerJs(String peer, IceConfig ice, boolean sendMedia,
      dev.peerphone.app.peerjs.PeerJsLink.Listener listener) {
    PeerJsSession s = new PeerJsSession(factory, Sdp.configuration(ice), media, sendMedia, peer, executor, listener);
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

  /**
   * Sends remote frames (per peer) and local preview frames to {@code tap}, e.g. the desktop
   * UI's renderer. Any thread except the call executor.
   */
  public void setFrameTap(FrameTap tap) {
    call(() -> {
      media.setTap(tap);
      return null;
    });
  }

  /** Camera and test-pattern names, real cameras first (enumerated with a time limit). */
  public List<String> cameraNames() {
    return call(this::cameraNamesNow);
  }

  private List<String> cameraNamesNow() {
    List<String> names = new ArrayList<>();
    cameras.forEach(d -> names.add(d.getName()));
    names.addAll(TEST_PATTERNS);
    return names;
  }

  /** The camera or test pattern in use (while sharing a screen: the one sharing returns to). */
  public String currentCamera() {
    return call(() -> sharingReturnTo != null ? sharingReturnTo : media.videoInputName());
  }

  /**
   * Switches the camera (or test pattern) for every call, without renegotiation. While a screen
   * is shared, it is the camera that "stop sharing" returns to.
   */
  public void selectCamera(String name) {
    call(() -> {
      if (sharingReturnTo != null) {
        sharingReturnTo = name;
      } else {
        media.switchVideo(inputFor(name));
      }
      return null;
    });
  }

  /** The screens that can be shared ("Screen 1 (1920x1080)", ...); empty without a display. */
  public List<String> screens() {
    return Screens.list().stream().map(Screens.Screen::name).toList();
  }

  /**
   * Sends the screen {@code screen} (a name from {@link #screens}, its number, or null for the
   * first) instead of the camera, in every call, without renegotiation; sharing another screen
   * while sharing switches screens. Returns the shared screen's name.
   *
   * @throws IllegalArgumentException for an unknown screen (the message names the choices)
   * @throws IllegalStateException when there is no display to capture
   */
  public String shareScreen(String screen) {
    Screens.Screen s = Screens.find(screen);
    return call(() -> {
      int fps = quality != null ? quality.fps() : ScreenSource.MAX_FPS;
      ScreenSource input = new ScreenSource(s, fps, this::captureFailed);
      String before = sharingReturnTo != null ? sharingReturnTo : media.videoInputName();
      media.switchVideo(input);
      sharingReturnTo = before;
      return s.name();
    });
  }

  /** Returns to the camera (or test pattern) used before sharing; nothing when not sharing. */
  public void stopSharing() {
    call(() -> {
      stopSharingNow();
      return null;
    });
  }

  /** The screen being shared, or null. */
  public String sharedScreen() {
    return call(() -> sharingReturnTo != null ? media.videoInputName() : null);
  }

  /** Called (on the call executor) with the reason when sharing ends by itself (capture failed). */
  public void setOnSharingEnded(java.util.function.Consumer<String> listener) {
    onSharingEnded = listener;
  }

  private void stopSharingNow() {
    if (sharingReturnTo != null) {
      String back = sharingReturnTo;
      sharingReturnTo = null;
      media.switchVideo(inputFor(back));
    }
  }

  /** On the capture thread: post, never block there. */
  private void captureFailed(String reason) {
    executor.execute(() -> {
      try {
        if (sharingReturnTo != null && !closed) {
          stopSharingNow();
          onSharingEnded.accept(reason);
        }
      } catch (Throwable t) {
        log.warn("stop sharing after capture failure", t);
      }
    });
  }

  /**
   * Sends {@code q} from now on, mid-call too: rebuilds the current camera or test pattern at the
   * new size and rate and swaps it in without renegotiation. Later camera switches keep it.
   */
  public void setVideoQuality(VideoQuality q) {
    java.util.Objects.requireNonNull(q, "quality");
    call(() -> {
      VideoQuality before = quality;
      quality = q;
      if (sharingReturnTo == null && !q.equals(media.videoQuality())) {
        try {
          media.switchVideo(inputFor(media.videoInputName()));
        } catch (Throwable t) {
          quality = before;
          throw t;
        }
      }
      return null;
    });
  }

  /** The size and rate the current input produces (a camera's: the mode it was asked for). */
  public VideoQuality videoQuality() {
    return call(media::videoQuality);
  }

  /**
   * A device disappeared: if it is the camera in use, fall back to another camera or the test
   * pattern. Called from the device watcher (and tests) on any thread.
   */
  public void cameraRemoved(String name) {
    call(() -> {
      removeCamera(name);
      return null;
    });
  }

  private void removeCamera(String name) {
    cameras = cameras.stream().filter(d -> !d.getName().equals(name)).toList();
    String fallback = cameras.isEmpty() ? TEST_PATTERNS.stream().filter(n -> !n.equals(name)).findFirst().get()
        : cameras.get(0).getName();
    if (name.equals(sharingReturnTo)) {
      sharingReturnTo = fallback; // keep sharing; stop sharing goes to the fallback
    } else if (media.videoInputName().equals(name)) {
      log.info("camera {} in use disappeared; switching to {}", name, fallback);
      media.switchVideo(inputFor(fallback));
    }
  }

  /** Shuts down in the order of the notes: sessions, tracks and sources, factory, ADM. Idempotent. */
  public void close() {
    call(() -> {
      if (closed) {
        return null;
      }
      closed = true;
      watcher.stop();
      audioControl.close();
      for (MediaUser s : media.sessions()) {
        s.close();
      }
      media.dispose();
      try {
        factory.dispose();
      } catch (Throwable t) {
        log.warn("factory dispose: {}", t.toString());
      }
      audio.close();
      return null;
    });
  }

  private <T> T call(java.util.concurrent.Callable<T> task) {
    return OnExecutor.call(executor, task);
  }
}
