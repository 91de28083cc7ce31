package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.FrameTap;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableSet;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * Remote video large (a grid when in several calls), the local preview small and mirrored in the
 * bottom-right corner, "Camera off" over a peer that paused its video, and a green frame with a
 * "speaking" badge around a peer who is speaking, and each call's statistics in its tile's
 * top-left corner while they are switched on ({@link StatsOverlay}); a right-click offers them
 * and "Copy diagnostics".
 */
public final class VideoPane extends StackPane {
  private final PhoneModel model;
  private final FrameHub hub;
  private final RenderLoop loop;
  private final GridPane grid = new GridPane();
  private final Map<String, VideoRenderer> remote = new HashMap<>();
  private final Map<String, StatsOverlay> stats = new HashMap<>();
  private final VideoRenderer local;

  public VideoPane(PhoneModel model, FrameHub hub, RenderLoop loop) {
    this.model = model;
    this.hub = hub;
    this.loop = loop;
    setId("videoPane");
    getStyleClass().add("video-pane");
    setMinSize(320, 240);
    Label idle = new Label();
    idle.setId("videoIdle");
    idle.getStyleClass().add("video-idle");
    idle.textProperty().bind(Bindings.when(model.rouletteStatusProperty().isEmpty())
        .then("No video: call someone from the list").otherwise(model.rouletteStatusProperty()));
    idle.visibleProperty().bind(Bindings.isEmpty(model.remotePeers()));
    grid.setHgap(4);
    grid.setVgap(4);

    local = new VideoRenderer(hub.slot(FrameTap.LOCAL));
    local.view().setId("localVideo");
    local.view().setScaleX(-1); // a mirror, as people expect to see themselves
    VideoTile preview = new VideoTile(local.view(), "");
    preview.setMaxSize(200, 150);
    preview.setPrefSize(200, 150);
    preview.getStyleClass().add("local-preview");
    StackPane.setAlignment(preview, Pos.BOTTOM_RIGHT);
    StackPane.setMargin(preview, new Insets(12));
    loop.addFollower(local);

    getChildren().addAll(grid, idle, preview);
    setOnContextMenuRequested(e -> menu().show(this, e.getScreenX(), e.getScreenY()));
    model.remotePeers().addListener((ListChangeListener<String>) c -> rebuild());
    rebuild();
  }

  public VideoRenderer local() {
    return local;
  }

  /** The renderer of {@code peer}'s video, or null. */
  public VideoRenderer remote(String peer) {
    return remote.get(peer);
  }

  /** The statistics overlay over {@code peer}'s video, or null. */
  StatsOverlay stats(String peer) {
    return stats.get(peer);
  }

  /** Right-click on the video: the statistics overlay on or off, and "Copy diagnostics". */
  private ContextMenu menu() {
    CheckMenuItem show = new CheckMenuItem("Show call statistics (Ctrl+I)");
    show.setId("statsMenuItem");
    show.selectedProperty().bindBidirectional(model.statsShownProperty());
    MenuItem copy = new MenuItem("Copy diagnostics");
    copy.setId("copyDiagnosticsMenuItem");
    copy.setOnAction(e -> Diagnostics.copy(model));
    ContextMenu menu = new ContextMenu(show, copy);
    menu.setOnHidden(e -> show.selectedProperty().unbindBidirectional(model.statsShownProperty()));
    return menu;
  }

  /** Shown while {@code peer} speaks: id {@code speaking-<peer>}, style class {@code speaking}. */
  private StackPane speakingMark(String peer) {
    Label badge = new Label("\u25cf speaking");
    badge.getStyleClass().add("speaking-badge");
    StackPane.setAlignment(badge, Pos.TOP_RIGHT);
    StackPane.setMargin(badge, new Insets(8));
    StackPane mark = new StackPane(badge);
    mark.setId("speaking-" + peer);
    mark.getStyleClass().add("speaking");
    mark.setMouseTransparent(true);
    ObservableSet<String> speaking = model.audio().speaking();
    mark.visibleProperty().bind(Bindings.createBooleanBinding(() -> speaking.contains(peer), speaking));
    return mark;
  }

  private void rebuild() {
    remote.keySet().removeIf(peer -> {
      if (model.remotePeers().contains(peer)) {
        return false;
      }
      VideoRenderer r = remote.get(peer);
      loop.remove(r);
      r.slot().clear();
      StatsOverlay o = stats.remove(peer);
      if (o != null) {
        o.dispose();
      }
      return true;
    });
    grid.getChildren().clear();
    grid.getColumnConstraints().clear();
    grid.getRowConstraints().clear();
    int n = model.remotePeers().size();
    int cols = (int) Math.ceil(Math.sqrt(Math.max(1, n)));
    for (int i = 0; i < n; i++) {
      String peer = model.remotePeers().get(i);
      VideoRenderer r = remote.computeIfAbsent(peer, p -> {
        VideoRenderer nr = new VideoRenderer(hub.slot(p));
        nr.view().setId("remoteVideo-" + p);
        loop.add(nr);
        return nr;
      });
      VideoTile tile = new VideoTile(r.view(), peer);
      Label off = new Label("Camera off");
      off.setId("cameraOff-" + peer);
      off.getStyleClass().add("camera-off");
      off.visibleProperty().bind(Bindings.createBooleanBinding(
          () -> model.videoPaused().contains(peer), model.videoPaused()));
      tile.addOverlay(off);
      tile.addOverlay(speakingMark(peer));
      StatsOverlay o = stats.computeIfAbsent(peer, p -> new StatsOverlay(p, model.stats));
      tile.addOverlay(o);
      StackPane.setAlignment(o, Pos.TOP_LEFT);
      GridPane.setHgrow(tile, Priority.ALWAYS);
      GridPane.setVgrow(tile, Priority.ALWAYS);
      grid.add(tile, i % cols, i / cols);
    }
  }
}
