package dev.peerphone.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The device part of the view-model: camera, microphone and speaker choices with labels
 * ("Microphone 1" for a device without a name), what is selected, and what is missing.
 *
 * <p>Threading: lists and properties on the FX thread; {@link #load} runs on the model's worker.
 */
public final class Devices {
  /** The test-pattern prefix the engine uses for synthetic video. */
  static final String TEST_PATTERN = "Test pattern";

  private final Consumer<Consumer<Phone>> engine;
  private final Consumer<String> notice;
  private final ObservableList<String> cameras = FXCollections.observableArrayList();
  private final ObservableList<String> microphones = FXCollections.observableArrayList();
  private final ObservableList<String> speakers = FXCollections.observableArrayList("Default speaker");
  // One read-only view each, kept: an unmodifiable wrapper listens to its list only weakly, so a
  // listener added to a fresh wrapper stopped firing once that wrapper was garbage-collected.
  private final ObservableList<String> camerasView = FXCollections.unmodifiableObservableList(cameras);
  private final ObservableList<String> microphonesView = FXCollections.unmodifiableObservableList(microphones);
  private final ObservableList<String> speakersView = FXCollections.unmodifiableObservableList(speakers);
  private final ReadOnlyStringWrapper camera = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper microphone = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper("");
  /** Engine names behind the labels, same order (FX thread). */
  private List<String> cameraNames = List.of();
  private List<String> microphoneNames = List.of();

  Devices(Consumer<Consumer<Phone>> engine, Consumer<String> notice) {
    this.engine = engine;
    this.notice = notice;
  }

  public ObservableList<String> cameras() { return camerasView; }
  public ObservableList<String> microphones() { return microphonesView; }
  /** Only the default: webrtc-java 0.14.0 cannot choose the playout device on Linux (#33). */
  public ObservableList<String> speakers() { return speakersView; }
  public ReadOnlyStringProperty cameraProperty() { return camera.getReadOnlyProperty(); }
  public ReadOnlyStringProperty microphoneProperty() { return microphone.getReadOnlyProperty(); }
  /** What is missing ("No camera: sending the test video"), or "". */
  public ReadOnlyStringProperty missingProperty() { return missing.getReadOnlyProperty(); }

  /** Switches the camera (works mid-call, no renegotiation). */
  public void selectCamera(String label) {
    int i = cameras.indexOf(label);
    if (i >= 0 && !label.equals(camera.get())) {
      camera.set(label);
      String name = cameraNames.get(i);
      engine.accept(p -> p.selectCamera(name));
    }
  }

  public void selectMicrophone(String label) {
    int i = microphones.indexOf(label);
    if (i >= 0 && !label.equals(microphone.get())) {
      microphone.set(label);
      String name = microphoneNames.get(i);
      engine.accept(p -> {
        if (!p.selectMicrophone(name)) {
          notice.accept("Cannot switch to " + label);
        }
      });
    }
  }

  /** Worker thread: asks the engine (may block for seconds), then publishes on the FX thread. */
  void load(Phone p, Executor fx) {
    List<String> cams = p.cameras();
    List<String> mics = p.microphones();
    String current = p.currentCamera();
    boolean silence = p.syntheticAudio();
    fx.execute(() -> {
      cameraNames = cams;
      microphoneNames = mics;
      cameras.setAll(labels(cams, "Webcam"));
      microphones.setAll(labels(mics, "Microphone"));
      int i = cams.indexOf(current);
      camera.set(i >= 0 ? cameras.get(i) : "");
      microphone.set(microphones.isEmpty() ? "" : microphones.get(0));
      List<String> gaps = new ArrayList<>();
      if (current == null || current.startsWith(TEST_PATTERN)) {
        gaps.add("No camera found: sending the synthetic test video");
      }
      if (silence) {
        gaps.add("No microphone (no audio server?): sending silence");
      }
      missing.set(String.join(". ", gaps));
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
