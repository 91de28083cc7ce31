package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.VideoQuality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The video-device part of the view-model: the camera choice with labels ("Webcam 1" for a
 * device without a name), the video quality, what is selected, and what is missing (the video
 * gap and {@link AudioModel}'s audio problem in one line).
 *
 * <p>Threading: lists and properties on the FX thread ({@code fx}); {@link #load} and the engine
 * commands run on the model's worker.
 */
public final class Devices {
  /** The test-pattern prefix the engine uses for synthetic video. */
  static final String TEST_PATTERN = "Test pattern";

  private final Consumer<Consumer<Phone>> engine;
  private final Executor fx;
  private final ObservableList<String> cameras = FXCollections.observableArrayList();
  // One read-only view each, kept: an unmodifiable wrapper listens to its list only weakly, so a
  // listener added to a fresh wrapper stopped firing once that wrapper was garbage-collected.
  private final ObservableList<String> camerasView = FXCollections.unmodifiableObservableList(cameras);
  private final ReadOnlyStringWrapper camera = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper videoGap = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper("");
  /** The presets, plus any other quality that was in use (so what is sent is always listed). */
  private final ObservableList<String> qualities = FXCollections.observableArrayList(
      VideoQuality.PRESETS.stream().map(VideoQuality::label).toList());
  private final ObservableList<String> qualitiesView = FXCollections.unmodifiableObservableList(qualities);
  private final ReadOnlyStringWrapper quality = new ReadOnlyStringWrapper("");
  /** The qualities behind {@link #qualities}, same order (FX thread). */
  private final List<VideoQuality> qualityValues = new ArrayList<>(VideoQuality.PRESETS);
  /** Engine names behind the labels, same order (FX thread). */
  private List<String> cameraNames = List.of();

  private final BiConsumer<String, String> chosen;

  Devices(Consumer<Consumer<Phone>> engine, Executor fx, AudioModel audio, BiConsumer<String, String> chosen) {
    this.engine = engine;
    this.chosen = chosen;
    this.fx = fx;
    missing.bind(Bindings.createStringBinding(() -> String.join(". ",
        Stream.of(videoGap.get(), audio.problemProperty().get()).filter(t -> !t.isEmpty()).toList()),
        videoGap, audio.problemProperty()));
  }

  public ObservableList<String> cameras() { return camerasView; }
  public ReadOnlyStringProperty cameraProperty() { return camera.getReadOnlyProperty(); }
  /** What is missing ("No camera found: sending the synthetic test video. No audio server …"), or "". */
  public ReadOnlyStringProperty missingProperty() { return missing.getReadOnlyProperty(); }
  /** "360p 15 fps" … "1080p 30 fps", and "640x480@30"-style entries for other sizes in use. */
  public ObservableList<String> qualities() { return qualitiesView; }
  /** The label of the size and rate being sent, as the engine reports it; "" before sign-in. */
  public ReadOnlyStringProperty qualityProperty() { return quality.getReadOnlyProperty(); }

  /** Switches the camera (works mid-call, no renegotiation). */
  public void selectCamera(String label) {
    int i = cameras.indexOf(label);
    if (i >= 0 && !label.equals(camera.get())) {
      camera.set(label);
      String name = cameraNames.get(i);
      chosen.accept("camera", name);
      engine.accept(p -> {
        p.selectCamera(name);
        VideoQuality q = p.videoQuality(); // without a chosen quality, each input has its own
        fx.execute(() -> showQuality(q));
      });
    }
  }

  /**
   * Sends another size and rate (works mid-call, no renegotiation). The label then shows what
   * the engine actually uses (a camera may only come close).
   */
  public void selectQuality(String label) {
    int i = qualities.indexOf(label);
    if (i >= 0 && !label.equals(quality.get())) {
      quality.set(label);
      VideoQuality wanted = qualityValues.get(i);
      chosen.accept("video", wanted.text());
      engine.accept(p -> {
        try {
          p.setVideoQuality(wanted);
        } finally { // also after a failure: show what is really sent
          VideoQuality used = p.videoQuality();
          fx.execute(() -> showQuality(used));
        }
      });
    }
  }

  /** FX thread: selects {@code q}'s label, adding it in size order if it is not listed yet. */
  private void showQuality(VideoQuality q) {
    if (!qualityValues.contains(q)) {
      Comparator<VideoQuality> order = Comparator.comparingLong((VideoQuality v) -> (long) v.width() * v.height())
          .thenComparingInt(VideoQuality::fps);
      int at = 0;
      while (at < qualityValues.size() && order.compare(qualityValues.get(at), q) < 0) {
        at++;
      }
      qualityValues.add(at, q);
      qualities.add(at, q.label());
    }
    quality.set(q.label());
  }

  /** Worker thread: asks the engine (may block for seconds), then publishes on the FX thread. */
  void load(Phone p) {
    List<String> cams = p.cameras();
    String current = p.currentCamera();
    VideoQuality sent = p.videoQuality();
    fx.execute(() -> {
      showQuality(sent);
      cameraNames = cams;
      cameras.setAll(labels(cams, "Webcam"));
      int i = cams.indexOf(current);
      camera.set(i >= 0 ? cameras.get(i) : "");
      boolean pattern = current == null || current.startsWith(TEST_PATTERN);
      videoGap.set(pattern ? "No camera found: sending the synthetic test video" : "");
    });
  }

  /** Device names as shown: a device without a name becomes "Webcam 2" / "Microphone 1". */
  static List<String> labels(List<String> names, String kind) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      out.add(n == null || n.isBlank() ? kind + " " + (i + 1) : n);
    }
    return out;
  }
}
