package dev.peerphone.app.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import java.util.function.Consumer;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The bar under the video: the users panel toggle on the left; in the middle the call controls
 * (microphone and camera on/off with the microphone's level, hang up) and the roulette (start,
 * next, stop, what it is doing); on the right the call statistics overlay toggle and the settings
 * and chat panel toggles. Icons with
 * tooltips; the shortcuts are in the tooltips. Controls mirror the model and hand every change
 * to a model command.
 *
 * <p>Threading: FX thread.
 */
final class CallBar extends HBox {
  CallBar(PhoneModel model, Panels panels) {
    setId("callBar");
    getStyleClass().add("call-bar");
    setSpacing(8);
    setAlignment(Pos.CENTER);
    AudioModel a = model.audio();
    ToggleButton audio = mediaToggle("audio", model.audioOnProperty(), model::setAudioOn, MaterialDesignM.MICROPHONE,
        MaterialDesignM.MICROPHONE_OFF, "Mute microphone (Ctrl+M)", "Unmute microphone (Ctrl+M)");
    ToggleButton video = mediaToggle("video", model.videoOnProperty(), model::setVideoOn, MaterialDesignV.VIDEO,
        MaterialDesignV.VIDEO_OFF, "Turn camera off (Ctrl+E)", "Turn camera on (Ctrl+E)");
    Button hangUp = Icons.decorate(new Button(), MaterialDesignP.PHONE_HANGUP, "Hang up (Ctrl+H)");
    hangUp.setId("hangUp");
    hangUp.getStyleClass().addAll(Styles.BUTTON_CIRCLE, Styles.DANGER, "hang-up");
    hangUp.disableProperty().bind(model.peerProperty().isEmpty());
    hangUp.setOnAction(e -> model.hangUp());

    Button start = Icons.decorate(new Button("Roulette"), MaterialDesignS.SHUFFLE_VARIANT,
        "Start the roulette: talk to a random stranger");
    start.setId("rouletteStart");
    start.setMinWidth(USE_PREF_SIZE);
    start.disableProperty().bind(model.rouletteOnProperty());
    start.setOnAction(e -> model.startRoulette());
    Button next = Icons.decorate(new Button(), MaterialDesignS.SKIP_NEXT, "Next stranger (Ctrl+N)");
    next.setId("rouletteNext");
    next.getStyleClass().add(Styles.BUTTON_ICON);
    next.disableProperty().bind(model.rouletteOnProperty().not());
    next.setOnAction(e -> model.nextStranger());
    Button stop = Icons.decorate(new Button(), MaterialDesignS.STOP, "Stop the roulette");
    stop.setId("rouletteStop");
    stop.getStyleClass().add(Styles.BUTTON_ICON);
    stop.disableProperty().bind(model.rouletteOnProperty().not());
    stop.setOnAction(e -> model.stopRoulette());
    Label rouletteStatus = new Label();
    rouletteStatus.setId("rouletteStatus");
    rouletteStatus.getStyleClass().add(Styles.TEXT_MUTED);
    rouletteStatus.textProperty().bind(model.rouletteStatusProperty());

    Region left = new Region();
    Region right = new Region();
    HBox.setHgrow(left, Priority.ALWAYS);
    HBox.setHgrow(right, Priority.ALWAYS);
    getChildren().addAll(
        panelToggle("usersToggle", panels.users(), MaterialDesignA.ACCOUNT_MULTIPLE, "Show or hide who is online (Ctrl+U)"),
        left, audio, level(a), video, shareScreen(model.screenShare()), hangUp, separator(), start, next, stop,
        rouletteStatus, right,
        panelToggle("statsToggle", model.statsShownProperty(), MaterialDesignC.CHART_LINE,
            "Show or hide call statistics over the video (Ctrl+I)"),
        panelToggle("settingsToggle", panels.settings(), MaterialDesignC.COG, "Devices and settings (Ctrl+,)"),
        panelToggle("chatToggle", panels.chat(), MaterialDesignM.MESSAGE_TEXT, "Show or hide the chat (Ctrl+T)"));
  }

  /** "Share screen (Ctrl+S)"; while sharing the crossed-out monitor, "Stop sharing (Ctrl+S)". */
  private static ToggleButton shareScreen(ScreenShare share) {
    ToggleButton t = Icons.decorate(new ToggleButton(), Icons.SHARE_SCREEN, "Share screen (Ctrl+S)");
    t.setId("shareScreen");
    t.getStyleClass().add(Styles.BUTTON_CIRCLE);
    Consumer<Boolean> show = on -> {
      t.setSelected(on);
      Icons.change(t, on ? Icons.STOP_SHARING : Icons.SHARE_SCREEN);
      Icons.describe(t, on ? "Stop sharing (Ctrl+S)" : "Share screen (Ctrl+S)");
    };
    share.sharingProperty().addListener((o, was, now) -> show.accept(now));
    t.setOnAction(e -> {
      share.toggle();
      show.accept(share.sharingProperty().get());
    });
    return t;
  }

  private static Separator separator() {
    Separator s = new Separator(Orientation.VERTICAL);
    s.setPrefHeight(24);
    return s;
  }

  /**
   * Selected = on (the icon shows the device); off shows the crossed-out icon in red. The
   * tooltip says what a click does.
   */
  private static ToggleButton mediaToggle(String id, ReadOnlyBooleanProperty value, Consumer<Boolean> set, Ikon on,
      Ikon off, String turnOff, String turnOn) {
    ToggleButton t = Icons.decorate(new ToggleButton(), on, turnOff);
    t.setId(id);
    t.getStyleClass().addAll(Styles.BUTTON_CIRCLE, "media-toggle");
    Consumer<Boolean> show = v -> {
      t.setSelected(v);
      Icons.change(t, v ? on : off);
      Icons.describe(t, v ? turnOff : turnOn);
    };
    show.accept(value.get());
    value.addListener((o, was, now) -> show.accept(now));
    t.setOnAction(e -> {
      set.accept(t.isSelected());
      show.accept(value.get());
    });
    return t;
  }

  private static ToggleButton panelToggle(String id, BooleanProperty shown, Ikon ikon, String words) {
    ToggleButton t = Icons.decorate(new ToggleButton(), ikon, words);
    t.setId(id);
    t.getStyleClass().add("panel-toggle");
    t.selectedProperty().bindBidirectional(shown);
    return t;
  }

  /** The input level of the microphone in use; empty, disabled and hidden without a sound server. */
  private static ProgressBar level(AudioModel a) {
    ProgressBar bar = new ProgressBar(0);
    bar.setId("micLevel");
    bar.getStyleClass().addAll(Styles.SMALL, Styles.SUCCESS, "mic-level");
    bar.setPrefWidth(44);
    bar.progressProperty().bind(Bindings.when(a.serverProperty()).then(a.levelProperty()).otherwise(0.0));
    bar.disableProperty().bind(a.serverProperty().not());
    bar.visibleProperty().bind(a.serverProperty()); // without a sound server there is nothing to show
    bar.managedProperty().bind(bar.visibleProperty());
    Tooltip.install(bar, new Tooltip("Input level of the microphone in use"));
    return bar;
  }
}
