package dev.peerphone.app.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** "bob is calling" with Accept / Reject; shown only while someone rings. */
public final class IncomingBanner extends HBox {
  public IncomingBanner(PhoneModel model) {
    setId("incoming");
    setSpacing(10);
    setPadding(new Insets(8));
    setAlignment(Pos.CENTER_LEFT);
    setStyle("-fx-background-color: #fff3c4;");
    Label who = new Label();
    who.setId("incomingCaller");
    who.setStyle("-fx-font-weight: bold;");
    who.textProperty().bind(model.incomingCallerProperty().concat(" is calling"));
    Button accept = new Button("Accept");
    accept.setId("accept");
    accept.setOnAction(e -> model.accept());
    Button reject = new Button("Reject");
    reject.setId("reject");
    reject.setOnAction(e -> model.reject());
    getChildren().addAll(who, accept, reject);
    visibleProperty().bind(model.incomingCallerProperty().isNotEmpty());
    managedProperty().bind(visibleProperty());
  }
}
