package dev.peerphone.app.ui;

import dev.peerphone.app.call.UserStatus;
import atlantafx.base.theme.Styles;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** Online users with their status; double-click or "Call" rings; or type a name and call it. */
public final class UsersPane extends VBox {
  public UsersPane(PhoneModel model) {
    setId("usersPane");
    getStyleClass().add("side-panel");
    setSpacing(8);
    setPrefWidth(200);
    ListView<UserStatus> list = new ListView<>(model.users());
    list.setId("users");
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(UserStatus u, boolean empty) {
        super.updateItem(u, empty);
        setText(empty || u == null ? null : u.name() + "  (" + u.status() + ")");
        if (empty || u == null) {
          setGraphic(null);
        } else {
          Circle dot = new Circle(4);
          dot.getStyleClass().addAll("presence", "presence-" + u.status());
          setGraphic(u.peerjs() ? new HBox(4, dot, peerJsBadge()) : dot);
        }
      }
    });
    list.setOnMouseClicked(e -> {
      UserStatus u = list.getSelectionModel().getSelectedItem();
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && u != null) {
        model.call(u.name());
      }
    });
    VBox.setVgrow(list, Priority.ALWAYS);
    Button callSelected = Icons.decorate(new Button("Call"), MaterialDesignP.PHONE, "Call the selected person");
    callSelected.getStyleClass().add(Styles.SUCCESS);
    callSelected.setMaxWidth(Double.MAX_VALUE);
    callSelected.setId("callSelected");
    callSelected.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
    callSelected.setOnAction(e -> model.call(list.getSelectionModel().getSelectedItem().name()));
    TextField name = new TextField();
    name.setId("callName");
    name.setPromptText("Name to call");
    Button callName = Icons.decorate(new Button(), MaterialDesignP.PHONE_OUTGOING, "Call the name typed here");
    callName.getStyleClass().add(Styles.BUTTON_ICON);
    callName.setId("callByName");
    callName.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    callName.setOnAction(e -> {
      model.call(name.getText());
      name.clear();
    });
    name.setOnAction(callName.getOnAction());
    HBox.setHgrow(name, Priority.ALWAYS);
    Label title = new Label("Online");
    title.getStyleClass().add(Styles.TITLE_4);
    getChildren().addAll(title, list, callSelected, new HBox(4, name, callName));
  }

  /** Marks a user connected with PeerJS (a web page; docs/PEERJS.md): calls and chat still work. */
  private static Label peerJsBadge() {
    Label badge = new Label("PeerJS");
    badge.getStyleClass().add("peerjs-badge");
    badge.setTooltip(new Tooltip("Connected from a PeerJS web page: calls and chat work as with Peerphone users"));
    return badge;
  }
}
