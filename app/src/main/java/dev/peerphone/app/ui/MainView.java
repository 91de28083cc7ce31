package dev.peerphone.app.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The signed-in window: users left, video centre, chat right, controls below, banners on top. */
public final class MainView extends BorderPane {
  private final VideoPane video;

  public MainView(PhoneModel model, FrameHub hub, RenderLoop loop) {
    setId("mainView");
    Label notice = new Label();
    notice.setId("notice");
    notice.setPadding(new Insets(0, 8, 4, 8));
    notice.textProperty().bind(model.noticeProperty());
    setTop(new VBox(new IncomingBanner(model), new JoinPanel(model), notice));
    setLeft(new UsersPane(model));
    video = new VideoPane(model, hub, loop);
    setCenter(video);
    setRight(new ChatPane(model));
    setBottom(new ControlsBar(model));
  }

  public VideoPane video() {
    return video;
  }
}
