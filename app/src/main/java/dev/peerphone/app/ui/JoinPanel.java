package dev.peerphone.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * With the embedded server: the link others open (browser or phone) with a Copy button and its QR
 * code, and the line for Peerphone desktop users. The QR code hides during calls to leave room
 * for video. Hidden altogether when connected to another server.
 *
 * <p>Threading: FX thread.
 */
final class JoinPanel extends HBox {
  JoinPanel(PhoneModel model) {
    setId("joinPanel");
    setSpacing(10);
    getStyleClass().add("join-panel");
    setAlignment(Pos.CENTER_LEFT);
    TextField link = new TextField();
    link.setId("joinLink");
    link.setEditable(false);
    link.setPrefColumnCount(26);
    link.textProperty().bind(model.joinLinkProperty());
    Button copy = Icons.decorate(new Button("Copy"), MaterialDesignC.CONTENT_COPY, "Copy the link");
    copy.setId("copyLink");
    copy.setOnAction(e -> {
      ClipboardContent c = new ClipboardContent();
      c.putString(model.joinLinkProperty().get());
      Clipboard.getSystemClipboard().setContent(c);
      copy.setText("Copied");
    });
    model.joinLinkProperty().addListener((o, a, b) -> copy.setText("Copy"));
    Label desktop = new Label();
    desktop.setId("joinInfo");
    desktop.textProperty().bind(model.joinInfoProperty());
    HBox linkRow = new HBox(6, new Label("Others join at"), link, copy);
    linkRow.setAlignment(Pos.CENTER_LEFT);
    VBox text = new VBox(4, linkRow, desktop);
    ImageView qr = new ImageView();
    qr.setId("joinQr");
    qr.setSmooth(false);
    render(qr, model.joinLinkProperty().get());
    model.joinLinkProperty().addListener((o, a, b) -> render(qr, b));
    qr.visibleProperty().bind(model.peerProperty().isEmpty());
    qr.managedProperty().bind(qr.visibleProperty());
    getChildren().addAll(text, qr);
    visibleProperty().bind(model.joinLinkProperty().isNotEmpty());
    managedProperty().bind(visibleProperty());
  }

  private static void render(ImageView view, String link) {
    view.setImage(link == null || link.isEmpty() ? null : QrCode.image(link, 3));
  }
}
