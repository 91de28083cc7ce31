package dev.peerphone.app.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** "bob is calling" (and how many more ring behind) with Accept / Reject; shown only while someone rings. */
public final class IncomingBanner extends HBox {
  public IncomingBanner(PhoneModel model) {
    setId("incoming");
    setSpacing(10);
    setAlignment(Pos.CENTER_LEFT);
    getStyleClass().add("incoming-banner");
    Label who = new Label();
    who.setId("incomingCaller");
    who.getStyleClass().add(Styles.TEXT_BOLD);
    who.setGraphic(Icons.icon(MaterialDesignP.PHONE_INCOMING));
    // "bob is calling", and while others ring behind: "bob is calling (2 more waiting)".
    who.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
      int more = model.tiles().waitingCallersProperty().get();
      return model.incomingCallerProperty().get() + " is calling" + (more > 0 ? " (" + more + " more waiting)" : "");
    }, model.incomingCallerProperty(), model.tiles().waitingCallersProperty()));
    Button accept = Icons.decorate(new Button("Accept"), MaterialDesignP.PHONE, "Accept the call");
    accept.getStyleClass().add(Styles.SUCCESS);
    accept.setId("accept");
    accept.setOnAction(e -> model.accept());
    Button reject = Icons.decorate(new Button("Reject"), MaterialDesignP.PHONE_HANGUP, "Reject the call");
    reject.getStyleClass().add(Styles.DANGER);
    reject.setId("reject");
    reject.setOnAction(e -> model.reject());
    getChildren().addAll(who, accept, reject);
    visibleProperty().bind(model.incomingCallerProperty().isNotEmpty());
    managedProperty().bind(visibleProperty());
  }
}
