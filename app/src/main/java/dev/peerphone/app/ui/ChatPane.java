package dev.peerphone.app.ui;

import java.time.format.DateTimeFormatter;
import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Chat: sender and time per message, Enter sends. Text goes into {@code Labeled.setText}, which
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
    getChildren().addAll(title, list, input);
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
    return time + "  " + l.sender() + ": " + l.text() + mark;
  }
}
