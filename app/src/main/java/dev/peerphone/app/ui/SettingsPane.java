package dev.peerphone.app.ui;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The settings side panel: microphone, speaker (with a test chime), webcam, video quality, "Hide
 * my IP address", "Allow several calls", the colours and "Copy diagnostics". Controls mirror the
 * model and hand every change to a model command; the theme goes to {@code theme}.
 *
 * <p>Threading: FX thread.
 */
final class SettingsPane extends VBox {
  private static final List<String> THEMES = List.of("System", "Light", "Dark");

  SettingsPane(PhoneModel model, ObjectProperty<Theme> theme) {
    setId("settingsPane");
    getStyleClass().add("side-panel");
    setSpacing(6);
    setPrefWidth(240);
    Devices d = model.devices();
    AudioModel a = model.audio();
    ComboBox<String> mic = combo("microphone", a.microphones(), a.microphoneProperty(), a::selectMicrophone);
    mic.setPromptText("No microphone");
    mic.disableProperty().bind(Bindings.isEmpty(a.microphones()));
    ComboBox<String> cam = combo("camera", d.cameras(), d.cameraProperty(), d::selectCamera);
    ComboBox<String> quality = combo("quality", d.qualities(), d.qualityProperty(), d::selectQuality);
    Label title = new Label("Settings");
    title.getStyleClass().add(Styles.TITLE_4);
    getChildren().addAll(title, field("Microphone", mic), field("Speaker", speaker(a)), field("Webcam", cam),
        field("Video quality", quality), relayOnly(model), multiCall(model), field("Theme", themes(theme)),
        copyDiagnostics(model));
  }

  /** Versions, devices, servers and recent call statistics, for a bug report ({@link Diagnostics}). */
  private static Button copyDiagnostics(PhoneModel model) {
    Button b = Icons.decorate(new Button("Copy diagnostics"), MaterialDesignC.CONTENT_COPY,
        "Copy a report for bug reports to the clipboard: versions, devices, servers (no passwords), recent call statistics");
    b.setId("copyDiagnostics");
    b.setOnAction(e -> Diagnostics.copy(model));
    return b;
  }

  private static VBox field(String label, Node control) {
    Label l = new Label(label);
    l.getStyleClass().add(Styles.TEXT_SMALL);
    l.setLabelFor(control);
    VBox box = new VBox(3, l, control);
    box.getStyleClass().add("settings-field");
    return box;
  }

  private static ComboBox<String> themes(ObjectProperty<Theme> theme) {
    ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(THEMES));
    c.setId("theme");
    c.setMaxWidth(Double.MAX_VALUE);
    c.setValue(shown(theme.get()));
    theme.addListener((o, was, now) -> c.setValue(shown(now)));
    c.setOnAction(e -> {
      if (c.getValue() != null) {
        theme.set(Theme.parse(c.getValue()));
      }
    });
    return c;
  }

  /** "System", "Light" or "Dark". */
  private static String shown(Theme t) {
    return THEMES.get((t.ordinal() + 1) % THEMES.size());
  }

  /**
   * The speaker dropdown and its Test button. Without speakers (no sound server) the dropdown is
   * disabled; the tooltip, on the box around it (a disabled control shows none), says why.
   */
  private static HBox speaker(AudioModel a) {
    ComboBox<String> speaker = combo("speaker", a.speakers(), a.speakerProperty(), a::selectSpeaker);
    speaker.setPromptText("No speaker");
    speaker.disableProperty().bind(Bindings.isEmpty(a.speakers()));
    Button test = Icons.decorate(new Button(), MaterialDesignV.VOLUME_HIGH, "Play a short chime on the chosen speaker");
    test.setId("testSpeaker");
    test.getStyleClass().add(Styles.BUTTON_ICON);
    test.setOnAction(e -> a.testSpeaker());
    HBox.setHgrow(speaker, Priority.ALWAYS);
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
    c.setMaxWidth(Double.MAX_VALUE);
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
    c.setWrapText(true);
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

  /** "Allow several calls": accept calls while in one (the proctor grid), as in the browser client. */
  private static CheckBox multiCall(PhoneModel model) {
    CallTiles tiles = model.tiles();
    CheckBox c = check("multiCall", "Allow several calls", tiles.multiCallProperty(), tiles::setMultiCall);
    c.setTooltip(new Tooltip("Take calls while already in one: each peer gets a tile in a grid,"
        + " with its own hang-up and mute-for-me; chat goes to the peer chosen under \"To\""));
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
