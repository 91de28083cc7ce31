package dev.peerphone.app.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The start screen: name, server (empty = run one here), "Sign in", and why sign-in failed. */
public final class SignInView extends VBox {
  public SignInView(PhoneModel model, String name, String server) {
    setId("signInView");
    setSpacing(10);
    setPadding(new Insets(40));
    setAlignment(Pos.CENTER);
    setMaxWidth(420);
    Label title = new Label("Peerphone");
    title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
    TextField nameField = new TextField(name);
    nameField.setId("name");
    nameField.setPromptText("Your name");
    TextField serverField = new TextField(server);
    serverField.setId("server");
    serverField.setPromptText("Server (host:port) — leave empty to run one here");
    Button signIn = new Button("Sign in");
    signIn.setId("signIn");
    signIn.setDefaultButton(true);
    signIn.disableProperty().bind(model.signingInProperty());
    signIn.setOnAction(e -> model.signIn(nameField.getText(), serverField.getText()));
    ProgressIndicator busy = new ProgressIndicator();
    busy.setMaxSize(24, 24);
    busy.visibleProperty().bind(model.signingInProperty());
    Label error = new Label();
    error.setId("signInError");
    error.setWrapText(true);
    error.setStyle("-fx-text-fill: #b00020;");
    error.textProperty().bind(model.signInErrorProperty());
    Label notice = new Label(); // e.g. a settings file that could not be used
    notice.setId("signInNotice");
    notice.setWrapText(true);
    notice.textProperty().bind(model.noticeProperty());
    getChildren().addAll(title, new Label("Name"), nameField, new Label("Server"), serverField, signIn, busy, error,
        notice);
  }
}
