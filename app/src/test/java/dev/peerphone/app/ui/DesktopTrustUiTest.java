package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.net.KnownServers;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TlsServer;
import dev.peerphone.signaling.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real window signing in to a real {@code wss://} server with a self-signed certificate: the
 * trust dialog (fingerprint, Cancel, Trust and connect), the remembered file that the next
 * process uses, and the warning when a remembered server's certificate changed.
 */
class DesktopTrustUiTest extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  @TempDir Path dir;
  private Path config;
  private Path knownServers;
  private TlsServer server;
  private String fingerprint;
  private DesktopWindow window;
  private HeadlessProcess bob;

  @BeforeEach
  void open() throws Exception {
    config = dir.resolve("config");
    knownServers = config.resolve("peerphone/known-servers");
    Path ks = TlsServer.keystore(dir, "server");
    fingerprint = TlsServer.fingerprint(ks);
    server = new TlsServer(ks);
  }

  private void openWindow() throws Exception {
    window = HeadlessFx.openWindow(new ClientBackend(MediaConfig.synthetic(), ServerConfig.defaults().withPorts(0, 0),
        new ServerTrust(new KnownServers(knownServers))));
  }

  @AfterEach
  void close() throws Exception {
    HeadlessFx.closeWindow(window);
    if (bob != null) {
      bob.close();
    }
    server.close();
  }

  private void signIn() {
    clickOn("#name").write("alice");
    clickOn("#server").write(server.uri().toString());
    clickOn("#signIn");
  }

  private boolean dialogShown() {
    return lookup("#trustDialog").tryQuery().map(Node::isVisible).orElse(false);
  }

  private String field(String id) {
    return HeadlessFx.fx(() -> lookup(id).queryAs(TextField.class).getText());
  }

  @Test
  void cancelStaysSignedOutThenTrustConnectsAndIsRememberedForTheNextProcess() throws Exception {
    openWindow();
    signIn();
    HeadlessFx.waitUntil("trust dialog", this::dialogShown);
    assertEquals(fingerprint, field("#trustFingerprint"));
    String header = HeadlessFx.fx(() -> lookup("#trustDialog").queryAs(DialogPane.class).getHeaderText());
    assertTrue(header.contains("127.0.0.1:" + server.port()) && !header.contains("CHANGED"), header);

    clickOn("#distrustServer");
    HeadlessFx.waitUntil("dialog gone", () -> !dialogShown());
    assertEquals("Not connected: the certificate of 127.0.0.1:" + server.port() + " was not trusted.",
        HeadlessFx.fx(() -> lookup("#signInError").queryLabeled().getText()));
    assertEquals(PhoneModel.Screen.SIGN_IN, HeadlessFx.fx(() -> window.model().screenProperty().get()));
    assertFalse(Files.exists(knownServers), "Cancel remembers nothing");

    clickOn("#signIn");
    HeadlessFx.waitUntil("asked again", this::dialogShown);
    clickOn("#trustServer");
    HeadlessFx.waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
    assertTrue(Files.readString(knownServers).contains("127.0.0.1:" + server.port() + " " + fingerprint));

    // The next connection — another process reading the same file — is not asked.
    bob = new HeadlessProcess("bob", List.of("--server", server.uri().toString(), "--name", "bob", "--fake-audio"),
        Map.of("XDG_CONFIG_HOME", config.toString()));
    bob.await("logged-in", HeadlessFx.TIMEOUT);
    HeadlessFx.waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
  }

  @Test
  void aChangedCertificateIsAskedAgainWithAWarningAndCancelKeepsTheOldOne() throws Exception {
    String old = fingerprint.replace(fingerprint.substring(0, 2), fingerprint.startsWith("00") ? "11" : "00");
    new ServerTrust(new KnownServers(knownServers)).remember(new ServerCertificate("127.0.0.1", server.port(), old, null));
    openWindow();
    signIn();
    HeadlessFx.waitUntil("trust dialog", this::dialogShown);
    String header = HeadlessFx.fx(() -> lookup("#trustDialog").queryAs(DialogPane.class).getHeaderText());
    assertTrue(header.contains("CHANGED"), header);
    assertEquals(fingerprint, field("#trustFingerprint"));
    assertEquals(old, field("#trustPreviousFingerprint"));
    clickOn("#distrustServer");
    HeadlessFx.waitUntil("dialog gone", () -> !dialogShown());
    assertEquals(PhoneModel.Screen.SIGN_IN, HeadlessFx.fx(() -> window.model().screenProperty().get()));
    assertTrue(Files.readString(knownServers).contains(old));
    assertFalse(Files.readString(knownServers).contains(fingerprint));
  }
}
