package dev.peerphone.app.ui;

import dev.peerphone.app.net.ServerCertificate;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks once whether to trust a server's certificate: the address, its SHA-256 fingerprint (to
 * compare with what the server's operator shows), a clear warning when it changed since it was
 * trusted, and "Trust and connect" / "Cancel". Not modal-blocking: the answer goes to the model.
 *
 * <p>Threading: FX thread.
 */
final class TrustDialog {
  static final ButtonType TRUST = new ButtonType("Trust and connect", ButtonBar.ButtonData.OK_DONE);

  private TrustDialog() {}

  /** Shows the question for {@code c}; closing the window counts as Cancel. */
  static Dialog<ButtonType> show(Window owner, ServerCertificate c, PhoneModel model) {
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle(c.changed() ? "Server certificate changed" : "Untrusted server certificate");
    d.setHeaderText(c.changed()
        ? "WARNING: the certificate of " + c.address() + " has CHANGED since you trusted it.\n"
            + "This happens when the server was set up again — or when someone is intercepting the connection."
        : "The server " + c.address() + " uses a certificate no authority vouches for\n"
            + "(normal for a Peerphone server on a home or office network).");
    VBox box = new VBox(6);
    box.setPadding(new Insets(10));
    box.getChildren().add(new Label("Server: " + c.address()));
    box.getChildren().add(new Label("SHA-256 fingerprint (compare it with the one the server shows):"));
    box.getChildren().add(fingerprintField("trustFingerprint", c.fingerprint()));
    if (c.changed()) {
      box.getChildren().add(new Label("Previously trusted fingerprint:"));
      box.getChildren().add(fingerprintField("trustPreviousFingerprint", c.previousFingerprint()));
    }
    d.getDialogPane().setId("trustDialog");
    d.getDialogPane().setContent(box);
    d.getDialogPane().getButtonTypes().addAll(TRUST, ButtonType.CANCEL);
    d.getDialogPane().lookupButton(TRUST).setId("trustServer");
    d.getDialogPane().lookupButton(ButtonType.CANCEL).setId("distrustServer");
    d.setOnHidden(e -> {
      if (d.getResult() == TRUST) {
        model.trustServer();
      } else {
        model.distrustServer();
      }
    });
    d.show();
    return d;
  }

  private static TextField fingerprintField(String id, String fingerprint) {
    TextField f = new TextField(fingerprint);
    f.setId(id);
    f.setEditable(false);
    f.setPrefColumnCount(60);
    f.setStyle("-fx-font-family: monospace;");
    return f;
  }
}
