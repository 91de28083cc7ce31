package dev.peerphone.app.ui;

import java.time.format.DateTimeFormatter;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Chat: sender (and, for ours, the recipient) and time per message, Enter sends; in several
 * calls a "To" choice says which one peer gets the next message. Text goes into {@code Labeled.setText}, which
 * never interprets markup. Our messages not yet delivered carry a marker.
 */
public final class ChatPane extends VBox {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  public ChatPane(PhoneModel model) {
    setId("chatPane");
    getStyleClass().add("side-panel");
    setSpacing(8);
    setPrefWidth(260);
    ListView<ChatLine> list = new ListView<>(model.chat());
    list.setId("chat");
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(ChatLine l, boolean empty) {
        super.updateItem(l, empty);
        setWrapText(true);
        setPrefWidth(0);
        setText(empty || l == null ? null : format(l));
      }
    });
    model.chat().addListener((javafx.collections.ListChangeListener<ChatLine>) c -> list.scrollTo(model.chat().size() - 1));
    VBox.setVgrow(list, Priority.ALWAYS);
    TextField input = new TextField();
    input.setId("chatInput");
    input.setPromptText("Message (Enter sends)");
    input.setOnAction(e -> {
      if (model.sendChat(input.getText())) {
        input.clear();
      }
    });
    Label title = new Label("Chat");
    title.getStyleClass().add(Styles.TITLE_4);
    getChildren().addAll(title, list, recipient(model), input);
  }

  /**
   * "To": whom the next message goes to, shown while in more than one call (as the browser
   * client's "Send to"); only that peer receives it.
   */
  private static HBox recipient(PhoneModel model) {
    CallTiles tiles = model.tiles();
    ComboBox<String> to = new ComboBox<>(tiles.peers());
    to.setId("chatTo");
    to.setMaxWidth(Double.MAX_VALUE);
    to.setValue(tiles.chatToProperty().get());
    tiles.chatToProperty().addListener((o, a, b) -> to.setValue(b.isEmpty() ? null : b));
    to.setOnAction(e -> {
      if (to.getValue() != null) {
        tiles.chatTo(to.getValue());
      }
    });
    Label l = new Label("To");
    l.getStyleClass().add(Styles.TEXT_SMALL);
    l.setLabelFor(to);
    HBox.setHgrow(to, Priority.ALWAYS);
    HBox box = new HBox(6, l, to);
    box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    box.visibleProperty().bind(Bindings.size(tiles.peers()).greaterThan(1));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  static String format(ChatLine l) {
    String time = TIME.format(l.time());
    if (l.sender().isEmpty()) {
      return time + "  " + l.text();
    }
    String mark = switch (l.delivery()) {
      case PENDING -> "  (sending…)";
      case FAILED -> "  (not delivered)";
      default -> "";
    };
    // Our own lines say whom they went to: in several calls each goes to one peer only.
    String who = l.delivery() == ChatLine.Delivery.RECEIVED || l.to().isEmpty() ? l.sender()
        : l.sender() + " \u2192 " + l.to();
    return time + "  " + who + ": " + l.text() + mark;
  }
}
