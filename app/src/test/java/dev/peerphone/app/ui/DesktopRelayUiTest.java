package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.Coturn;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TestServer;
import dev.peerphone.signaling.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The real window's "Hide my IP address (relay through TURN)": without a TURN server it says so
 * and places no call; with coturn the call is relayed (status line, the peer's call-stats, coturn's
 * log).
 */
class DesktopRelayUiTest extends UiTestBase {

  @Test
  void hidingTheAddressWithoutATurnServerShowsWhyAndPlacesNoCall() {
    HeadlessProcess bob = peer("bob", "--fake-video");
    signIn("alice");
    waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
    showSettings();
    clickOn("#relayOnly");
    waitUntil("notice says why", () -> noticeText().contains("no TURN server"));
    clickOn("bob  (available)");
    clickOn("#callSelected");
    bob.assertNo("incoming-call", Duration.ofSeconds(2));
    assertTrue(noticeText().contains("no TURN server"), noticeText());
    assertEquals("", fx(() -> window.model().peerProperty().get()), "no call");
  }

  @Test
  void hidingTheAddressRelaysTheCallThroughTurn() {
    try (Coturn coturn = Coturn.start(UUID.randomUUID().toString());
        TestServer relayServer = new TestServer(coturn.configure(ServerConfig.defaults(), Duration.ofMinutes(10)))) {
      HeadlessProcess bob = new HeadlessProcess("bob", List.of("--server", relayServer.uri().toString(),
          "--name", "bob", "--fake-audio", "--fake-video"));
      peers.add(bob);
      bob.await("logged-in", TIMEOUT);
      clickOn("#name").write("alice");
      clickOn("#server").write("127.0.0.1:" + relayServer.port());
      clickOn("#signIn");
      waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
      showSettings();
      clickOn("#relayOnly");
      assertTrue(checked("#relayOnly"));
      waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
      clickOn("bob  (available)");
      clickOn("#callSelected");
      bob.await("call-connected", TIMEOUT);
      HeadlessFx.awaitRemoteVideo(window, "bob", 5);
      waitUntil("status line shows the relay", () -> statusText().contains("relayed (TURN"));
      JsonObject stats = bob.await("call-stats", e -> e.has("remote") && !e.get("remote").isJsonNull()
          && !e.get("remote").getAsString().isEmpty(), TIMEOUT);
      assertEquals("relay", stats.get("remote").getAsString(), "bob reaches alice only through her relay: " + stats);
      assertTrue(coturn.allocatedFor("alice", 0), "alice allocated a relay on coturn");
      bob.command("hangup alice");
      waitUntil("call over", () -> window.model().peerProperty().get().isEmpty());
    }
  }

  @Test
  void onARelayOnlyServerTheBoxIsTickedAndLocked() {
    // A TURN server on loopback that is never contacted (no call here): nothing leaves the machine.
    ServerConfig relayOnly = ServerConfig.defaults().withIceServers(List.of(), List.of("turn:127.0.0.1:9"),
        "s", Duration.ofMinutes(10)).withRelayOnly(true);
    try (TestServer relayServer = new TestServer(relayOnly)) {
      clickOn("#name").write("alice");
      clickOn("#server").write("127.0.0.1:" + relayServer.port());
      clickOn("#signIn");
      waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
      waitUntil("ticked and locked", () -> checked("#relayOnly")
          && fx(() -> lookup("#relayOnly").query().isDisabled()));
      assertTrue(!fx(() -> window.model().relayOnlyProperty().get()), "the user's own choice is unchanged");
    }
  }

  private String noticeText() {
    return fx(() -> lookup("#notice").queryLabeled().getText());
  }

  private String statusText() {
    return fx(() -> lookup("#status").queryLabeled().getText());
  }
}
