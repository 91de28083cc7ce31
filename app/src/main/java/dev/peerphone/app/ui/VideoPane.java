package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.FrameTap;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * Remote video large; in several calls a grid of equal tiles that re-flows as peers come and go
 * ({@link #columns}); the local preview small and mirrored in the bottom-right corner. Each tile
 * ({@link PeerTile}) carries the peer's name, "Camera off", the speaking frame, its call's
 * statistics while they are switched on ({@link StatsOverlay}), mute-for-me and its own hang-up;
 * a right-click offers the statistics and "Copy diagnostics".
 */
public final class VideoPane extends StackPane {
  private final PhoneModel model;
  private final FrameHub hub;
  private final RenderLoop loop;
  private final GridPane grid = new GridPane();
  private final Map<String, VideoRenderer> remote = new HashMap<>();
  private final Map<String, StatsOverlay> stats = new HashMap<>();
  private final Map<String, VideoTile> tiles = new HashMap<>();
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

  /**
   * Grid columns for {@code n} tiles: 1 fills the pane, 2 side by side, 3-4 in 2x2, up to 9 in
   * 3x3, more in smaller tiles (4x4 up to 16, and so on); each picture keeps its aspect ratio.
   */
  static int columns(int n) {
    return n <= 1 ? 1 : n == 2 ? 2 : (int) Math.ceil(Math.sqrt(n));
  }

  /** Rows of the grid for {@code n} tiles. */
  static int rows(int n) {
    int cols = columns(n);
    return Math.max(1, (n + cols - 1) / cols);
  }

  /** The grid's (columns, rows) now: how the tiles are laid out (tests). */
  int[] gridShape() {
    return new int[] {grid.getColumnConstraints().size(), grid.getRowConstraints().size()};
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
      tiles.remove(peer);
      return true;
    });
    grid.getChildren().clear();
    grid.getColumnConstraints().clear();
    grid.getRowConstraints().clear();
    int n = model.remotePeers().size();
    int cols = columns(n);
    int rows = rows(n);
    for (int c = 0; c < cols; c++) {
      ColumnConstraints cc = new ColumnConstraints();
      cc.setPercentWidth(100.0 / cols);
      grid.getColumnConstraints().add(cc);
    }
    for (int row = 0; row < rows; row++) {
      RowConstraints rc = new RowConstraints();
      rc.setPercentHeight(100.0 / rows);
      grid.getRowConstraints().add(rc);
    }
    for (int i = 0; i < n; i++) {
      String peer = model.remotePeers().get(i);
      VideoRenderer r = remote.computeIfAbsent(peer, p -> {
        VideoRenderer nr = new VideoRenderer(hub.slot(p));
        nr.view().setId("remoteVideo-" + p);
        loop.add(nr);
        return nr;
      });
      VideoTile tile = tiles.computeIfAbsent(peer, p -> {
        StatsOverlay o = stats.computeIfAbsent(p, q -> new StatsOverlay(q, model.stats));
        VideoTile t = PeerTile.of(model, r, p, o);
        InvalidationListener fit = x -> fit(r, t);
        t.widthProperty().addListener(fit);
        t.heightProperty().addListener(fit);
        GridPane.setHgrow(t, Priority.ALWAYS);
        GridPane.setVgrow(t, Priority.ALWAYS);
        return t;
      });
      grid.add(tile, i % cols, i / cols);
      fit(r, tile);
    }
  }

  /**
   * In a grid, each tile's picture is scaled by libyuv to the tile's size and shown 1:1; a single
   * call keeps drawing frames at their own size.
   */
  private void fit(VideoRenderer r, VideoTile t) {
    boolean several = model.remotePeers().size() > 1;
    r.fitWithin(several ? (int) t.getWidth() : 0, several ? (int) t.getHeight() : 0);
  }
}
