package dev.peerphone.app.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableSet;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * One remote video tile with everything about that peer over it: the name (bottom left),
 * "Camera off" while the peer's video is paused (centre), a green frame and a "speaking" badge
 * while the peer's received audio is loud, the call's statistics (top left, when switched on),
 * and in the top-right corner "mute for me" (stops playing this peer's audio here only) and a
 * hang-up that ends this call only. Ids carry the peer's name: {@code cameraOff-bob},
 * {@code speaking-bob}, {@code muteFor-bob}, {@code hangUp-bob}, {@code tile-bob}.
 *
 * <p>Threading: FX thread.
 */
final class PeerTile {
  private PeerTile() {}

  static VideoTile of(PhoneModel model, VideoRenderer renderer, String peer, StatsOverlay stats) {
    VideoTile tile = new VideoTile(renderer.view(), peer);
    tile.setId("tile-" + peer);
    CallTiles tiles = model.tiles();
    Label off = new Label("Camera off");
    off.setId("cameraOff-" + peer);
    off.getStyleClass().add("camera-off");
    off.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> tiles.videoPaused().contains(peer), tiles.videoPaused()));
    tile.addOverlay(off);
    tile.addOverlay(speakingMark(model, peer));
    tile.addOverlay(stats);
    StackPane.setAlignment(stats, Pos.TOP_LEFT);
    HBox controls = controls(tiles, peer);
    tile.addOverlay(controls);
    StackPane.setAlignment(controls, Pos.TOP_RIGHT);
    StackPane.setMargin(controls, new Insets(6));
    return tile;
  }

  private static HBox controls(CallTiles tiles, String peer) {
    ToggleButton mute = Icons.decorate(new ToggleButton(), MaterialDesignV.VOLUME_HIGH,
        "Mute " + peer + " for me (only here: " + peer + " still sends)");
    mute.setId("muteFor-" + peer);
    mute.getStyleClass().addAll(Styles.BUTTON_ICON, "tile-button");
    ObservableSet<String> muted = tiles.mutedForMe();
    Runnable show = () -> {
      boolean on = muted.contains(peer);
      mute.setSelected(on);
      Icons.change(mute, on ? MaterialDesignV.VOLUME_OFF : MaterialDesignV.VOLUME_HIGH);
      Icons.describe(mute, on ? "Play " + peer + "'s audio again" : "Mute " + peer + " for me (only here: "
          + peer + " still sends)");
    };
    // A binding listens to the set weakly: a tile that is gone does not stay attached to it.
    BooleanBinding isMuted = Bindings.createBooleanBinding(() -> muted.contains(peer), muted);
    mute.getProperties().put(BooleanBinding.class, isMuted);
    isMuted.addListener((o, was, now) -> show.run());
    show.run();
    mute.setOnAction(e -> tiles.setMutedForMe(peer, mute.isSelected()));
    Button hangUp = Icons.decorate(new Button(), MaterialDesignP.PHONE_HANGUP, "Hang up on " + peer + " only");
    hangUp.setId("hangUp-" + peer);
    hangUp.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.DANGER, "tile-button");
    hangUp.setOnAction(e -> tiles.hangUp(peer));
    HBox box = new HBox(4, mute, hangUp);
    box.setAlignment(Pos.TOP_RIGHT);
    box.setMaxSize(HBox.USE_PREF_SIZE, HBox.USE_PREF_SIZE);
    box.setPickOnBounds(false);
    return box;
  }

  /** Shown while {@code peer} speaks: id {@code speaking-<peer>}, style class {@code speaking}. */
  private static StackPane speakingMark(PhoneModel model, String peer) {
    Label badge = new Label("\u25cf speaking");
    badge.getStyleClass().add("speaking-badge");
    StackPane.setAlignment(badge, Pos.TOP_RIGHT);
    StackPane.setMargin(badge, new Insets(48, 8, 8, 8)); // under the tile's buttons
    StackPane mark = new StackPane(badge);
    mark.setId("speaking-" + peer);
    mark.getStyleClass().add("speaking");
    mark.setMouseTransparent(true);
    ObservableSet<String> speaking = model.audio().speaking();
    mark.visibleProperty().bind(Bindings.createBooleanBinding(() -> speaking.contains(peer), speaking));
    return mark;
  }
}
