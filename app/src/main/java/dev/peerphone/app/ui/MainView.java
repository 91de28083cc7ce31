package dev.peerphone.app.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The signed-in window. Video first: it takes the centre, with the call bar right under it
 * across the window (each panel's toggle at the panel's side). Who is online on the left,
 * settings and chat on the right, each a side panel that hides ({@link Panels}); banners (a call
 * ringing, the join link, notices) on top; the status line and what is missing at the bottom.
 * At the default 1200 px width all three panels fit beside a 320 px video.
 */
public final class MainView extends BorderPane {
  private final VideoPane video;
  private final Panels panels = new Panels();

  public MainView(PhoneModel model, FrameHub hub, RenderLoop loop, ObjectProperty<Theme> theme) {
    setId("mainView");
    Label notice = new Label();
    notice.setId("notice");
    notice.getStyleClass().add("notice");
    notice.textProperty().bind(model.noticeProperty());
    notice.managedProperty().bind(notice.textProperty().isNotEmpty());
    notice.visibleProperty().bind(notice.managedProperty());
    setTop(new VBox(new IncomingBanner(model), new JoinPanel(model), notice));
    UsersPane users = new UsersPane(model);
    setLeft(shown(users, panels.users()));
    video = new VideoPane(model, hub, loop);
    setCenter(video);
    HBox right = new HBox(shown(new SettingsPane(model, theme), panels.settings()),
        shown(new ChatPane(model), panels.chat()));
    setRight(right);
    setBottom(new VBox(new CallBar(model, panels), statusBar(model)));
  }

  private static <N extends javafx.scene.Node> N shown(N panel, javafx.beans.property.BooleanProperty when) {
    panel.visibleProperty().bind(when);
    panel.managedProperty().bind(when);
    return panel;
  }

  private static VBox statusBar(PhoneModel model) {
    Label status = new Label();
    status.setId("status");
    status.getStyleClass().add(Styles.TEXT_SMALL);
    status.textProperty().bind(model.statusLineProperty());
    Label missing = new Label();
    missing.setId("missing");
    missing.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
    missing.textProperty().bind(model.devices().missingProperty());
    missing.managedProperty().bind(missing.textProperty().isNotEmpty());
    missing.visibleProperty().bind(missing.managedProperty());
    VBox bar = new VBox(2, status, missing);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  public VideoPane video() {
    return video;
  }

  /** Which side panels show (Ctrl+U, Ctrl+T, Ctrl+, toggle them). */
  Panels panels() {
    return panels;
  }
}
