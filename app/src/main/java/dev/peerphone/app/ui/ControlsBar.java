package dev.peerphone.app.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.function.Consumer;

/**
 * Device dropdowns (microphone with its live input level, webcam, video quality, speaker with a
 * test button), the Audio/Video pause checkboxes, Hang Up, the roulette buttons, the status line
 * and what is missing. Controls mirror the model and hand every change to a model command.
 */
public final class ControlsBar extends VBox {
  public ControlsBar(PhoneModel model) {
    setSpacing(6);
    setPadding(new Insets(8));
    Devices d = model.devices();
    AudioModel a = model.audio();
    ComboBox<String> mic = combo("microphone", a.microphones(), a.microphoneProperty(), a::selectMicrophone);
    mic.setPromptText("No microphone");
    mic.disableProperty().bind(Bindings.isEmpty(a.microphones()));
    ComboBox<String> cam = combo("camera", d.cameras(), d.cameraProperty(), d::selectCamera);
    cam.setPrefWidth(200);
    ComboBox<String> quality = combo("quality", d.qualities(), d.qualityProperty(), d::selectQuality);
    quality.setPrefWidth(140);
    HBox speaker = speaker(a);
    CheckBox audio = check("audio", "Audio", model.audioOnProperty(), model::setAudioOn);
    CheckBox video = check("video", "Video", model.videoOnProperty(), model::setVideoOn);
    Button hangUp = new Button("Hang Up");
    hangUp.setId("hangUp");
    hangUp.setStyle("-fx-base: #d9534f;");
    hangUp.disableProperty().bind(model.peerProperty().isEmpty());
    hangUp.setOnAction(e -> model.hangUp());
    HBox devices = new HBox(8, new Label("Mic"), mic, level(a), new Label("Speaker"), speaker, new Label("Webcam"), cam,
        new Label("Quality"), quality);
    devices.setAlignment(Pos.CENTER_LEFT);

    Button start = new Button("Start");
    start.setId("rouletteStart");
    start.disableProperty().bind(model.rouletteOnProperty());
    start.setOnAction(e -> model.startRoulette());
    Button next = new Button("Next");
    next.setId("rouletteNext");
    next.disableProperty().bind(model.rouletteOnProperty().not());
    next.setOnAction(e -> model.nextStranger());
    Button stop = new Button("Stop");
    stop.setId("rouletteStop");
    stop.disableProperty().bind(model.rouletteOnProperty().not());
    stop.setOnAction(e -> model.stopRoulette());
    Label rouletteStatus = new Label();
    rouletteStatus.setId("rouletteStatus");
    rouletteStatus.textProperty().bind(model.rouletteStatusProperty());
    Region gap = new Region();
    gap.setMinWidth(16);
    CheckBox relay = relayOnly(model);
    Region gap2 = new Region();
    gap2.setMinWidth(16);
    HBox roulette = new HBox(8, audio, video, hangUp, gap, new Label("Roulette"), start, next, stop, rouletteStatus,
        gap2, relay);
    roulette.setAlignment(Pos.CENTER_LEFT);

    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(model.statusLineProperty());
    Label missing = new Label();
    missing.setId("missing");
    missing.setStyle("-fx-text-fill: #8a6d00;");
    missing.textProperty().bind(d.missingProperty());
    getChildren().addAll(devices, roulette, status, missing);
  }

  /** The input level of the microphone in use; empty and disabled without a sound server. */
  private static ProgressBar level(AudioModel a) {
    ProgressBar bar = new ProgressBar(0);
    bar.setId("micLevel");
    bar.setPrefWidth(50);
    bar.setStyle("-fx-accent: #2e9e4f;");
    bar.progressProperty().bind(Bindings.when(a.serverProperty()).then(a.levelProperty()).otherwise(0.0));
    bar.disableProperty().bind(a.serverProperty().not());
    Tooltip.install(bar, new Tooltip("Input level of the microphone in use"));
    return bar;
  }

  /**
   * The speaker dropdown and its Test button. Without speakers (no sound server) the dropdown is
   * disabled; the tooltip, on the box around it (a disabled control shows none), says why.
   */
  private static HBox speaker(AudioModel a) {
    ComboBox<String> speaker = combo("speaker", a.speakers(), a.speakerProperty(), a::selectSpeaker);
    speaker.setPrefWidth(150);
    speaker.setPromptText("No speaker");
    speaker.disableProperty().bind(Bindings.isEmpty(a.speakers()));
    Button test = new Button("\u266a Test");
    test.setId("testSpeaker");
    test.setOnAction(e -> a.testSpeaker());
    Tooltip.install(test, new Tooltip("Play a short chime on the chosen speaker"));
    HBox box = new HBox(4, speaker, test);
    box.setAlignment(Pos.CENTER_LEFT);
    Tooltip why = new Tooltip("No audio server (PulseAudio or PipeWire): remote audio cannot be played");
    Consumer<Boolean> explain = off -> {
      if (off) {
        Tooltip.install(box, why);
      } else {
        Tooltip.uninstall(box, why);
      }
    };
    explain.accept(speaker.isDisabled());
    speaker.disabledProperty().addListener((o, was, off) -> explain.accept(off));
    return box;
  }

  private static ComboBox<String> combo(String id, ObservableList<String> items, ReadOnlyStringProperty value,
      Consumer<String> select) {
    ComboBox<String> c = new ComboBox<>(items);
    c.setId(id);
    c.setPrefWidth(170);
    c.setValue(shown(value.get()));
    value.addListener((o, a, b) -> c.setValue(shown(b)));
    // Replacing the items (devices came or went) clears the shown value, from listeners that may
    // run after ours: show the model's again, whenever it is listed.
    items.addListener((ListChangeListener<String>) ch -> c.setValue(shown(value.get())));
    c.valueProperty().addListener((o, a, b) -> {
      if (b == null && items.contains(value.get())) {
        c.setValue(value.get());
      }
    });
    c.setOnAction(e -> {
      if (c.getValue() != null) {
        select.accept(c.getValue());
      }
    });
    return c;
  }

  /** Nothing chosen ("") shows as no value, so that the prompt text appears. */
  private static String shown(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * "Hide my IP address": the user's choice; ticked and locked while the server relays everybody
   * ({@code --relay-only}), whatever the choice.
   */
  private static CheckBox relayOnly(PhoneModel model) {
    CheckBox c = check("relayOnly", "Hide my IP address (relay through TURN)", model.relayOnlyProperty(),
        model::setRelayOnly);
    Tooltip mine = new Tooltip("Send all media through the server's TURN relay, so the people you call"
        + " never learn your IP address (needs a TURN server on the signaling server)");
    Tooltip server = new Tooltip("This server relays all media through TURN for everyone");
    Runnable show = () -> {
      boolean forced = model.serverRelayProperty().get();
      c.setDisable(forced);
      c.setSelected(forced || model.relayOnlyProperty().get());
      c.setTooltip(forced ? server : mine);
    };
    show.run();
    model.serverRelayProperty().addListener((o, a, b) -> show.run());
    model.relayOnlyProperty().addListener((o, a, b) -> show.run());
    return c;
  }

  private static CheckBox check(String id, String text, ReadOnlyBooleanProperty value, Consumer<Boolean> set) {
    CheckBox c = new CheckBox(text);
    c.setId(id);
    c.setSelected(value.get());
    value.addListener((o, a, b) -> c.setSelected(b));
    c.setOnAction(e -> set.accept(c.isSelected()));
    return c;
  }
}
