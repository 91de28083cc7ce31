package dev.peerphone.app.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import java.util.function.Consumer;

/**
 * Device dropdowns with the video quality, the Audio/Video pause checkboxes, Hang Up, the
 * roulette buttons and the status line. Controls mirror the model and hand every change to a
 * model command.
 */
public final class ControlsBar extends VBox {
  public ControlsBar(PhoneModel model) {
    setSpacing(6);
    setPadding(new Insets(8));
    Devices d = model.devices();
    ComboBox<String> mic = combo("microphone", d.microphones(), d.microphoneProperty(), d::selectMicrophone);
    ComboBox<String> cam = combo("camera", d.cameras(), d.cameraProperty(), d::selectCamera);
    ComboBox<String> quality = combo("quality", d.qualities(), d.qualityProperty(), d::selectQuality);
    quality.setPrefWidth(130);
    ComboBox<String> speaker = new ComboBox<>(d.speakers());
    speaker.setId("speaker");
    speaker.getSelectionModel().selectFirst();
    speaker.setDisable(true); // 0.14.0 cannot pick the playout device on Linux
    CheckBox audio = check("audio", "Audio", model.audioOnProperty(), model::setAudioOn);
    CheckBox video = check("video", "Video", model.videoOnProperty(), model::setVideoOn);
    Button hangUp = new Button("Hang Up");
    hangUp.setId("hangUp");
    hangUp.setStyle("-fx-base: #d9534f;");
    hangUp.disableProperty().bind(model.peerProperty().isEmpty());
    hangUp.setOnAction(e -> model.hangUp());
    HBox devices = new HBox(8, new Label("Mic"), mic, new Label("Webcam"), cam, new Label("Quality"), quality,
        new Label("Speaker"), speaker, audio, video, hangUp);
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
    HBox roulette = new HBox(8, new Label("Roulette"), start, next, stop, rouletteStatus);
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

  private static ComboBox<String> combo(String id, ObservableList<String> items, ReadOnlyStringProperty value,
      Consumer<String> select) {
    ComboBox<String> c = new ComboBox<>(items);
    c.setId(id);
    c.setPrefWidth(170);
    c.setValue(value.get());
    value.addListener((o, a, b) -> c.setValue(b));
    c.setOnAction(e -> {
      if (c.getValue() != null) {
        select.accept(c.getValue());
      }
    });
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
