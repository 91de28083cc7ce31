package dev.peerphone.app.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The start screen, a card in the middle of the window: name, server (empty = run one here),
 * "Sign in", and why sign-in failed.
 */
public final class SignInView extends StackPane {
  public SignInView(PhoneModel model, String name, String server) {
    setId("signInView");
    Label title = new Label("Peerphone");
    title.getStyleClass().add(Styles.TITLE_1);
    FontIcon logo = Icons.icon(MaterialDesignP.PHONE_IN_TALK);
    logo.setStyle("-fx-icon-size: 30px;");
    logo.getStyleClass().add(Styles.ACCENT);
    title.setGraphic(logo);
    Label subtitle = new Label("Video calls between people, no account needed");
    subtitle.getStyleClass().add(Styles.TEXT_MUTED);
    TextField nameField = new TextField(name);
    nameField.setId("name");
    nameField.setPromptText("Your name");
    TextField serverField = new TextField(server);
    serverField.setId("server");
    serverField.setPromptText("Server (host:port) — leave empty to run one here");
    Button signIn = new Button("Sign in");
    signIn.setId("signIn");
    signIn.setDefaultButton(true);
    signIn.setMaxWidth(Double.MAX_VALUE);
    signIn.getStyleClass().add(Styles.ACCENT);
    signIn.disableProperty().bind(model.signingInProperty());
    signIn.setOnAction(e -> model.signIn(nameField.getText(), serverField.getText()));
    ProgressIndicator busy = new ProgressIndicator();
    busy.setMaxSize(24, 24);
    busy.visibleProperty().bind(model.signingInProperty());
    Label error = new Label();
    error.setId("signInError");
    error.setWrapText(true);
    error.getStyleClass().add("sign-in-error");
    error.textProperty().bind(model.signInErrorProperty());
    Label notice = new Label(); // e.g. a settings file that could not be used
    notice.setId("signInNotice");
    notice.setWrapText(true);
    notice.getStyleClass().add(Styles.TEXT_MUTED);
    notice.textProperty().bind(model.noticeProperty());
    busy.managedProperty().bind(busy.visibleProperty());
    collapseWhenEmpty(error);
    collapseWhenEmpty(notice);
    VBox card = new VBox(10, title, subtitle, label("Name", nameField), nameField, label("Server", serverField),
        serverField, signIn, busy, error, notice);
    card.getStyleClass().add("sign-in-card");
    card.setAlignment(Pos.CENTER_LEFT);
    card.setMaxWidth(440);
    card.setMaxHeight(USE_PREF_SIZE);
    busy.setMaxWidth(Double.MAX_VALUE);
    getChildren().add(card);
  }

  private static void collapseWhenEmpty(Label l) {
    l.managedProperty().bind(l.textProperty().isNotEmpty());
    l.visibleProperty().bind(l.managedProperty());
  }

  private static Label label(String text, TextField field) {
    Label l = new Label(text);
    l.setLabelFor(field);
    return l;
  }
}
