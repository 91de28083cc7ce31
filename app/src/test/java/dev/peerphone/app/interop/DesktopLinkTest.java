package dev.peerphone.app.interop;

import static dev.peerphone.app.ui.HeadlessFx.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.net.KnownServers;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.ui.ClientBackend;
import dev.peerphone.app.ui.DesktopWindow;
import dev.peerphone.app.ui.HeadlessFx;
import dev.peerphone.app.ui.PhoneModel;
import dev.peerphone.signaling.server.ServerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The whole path for a person on another machine: the desktop signs in on its embedded
 * server, which serves https with this machine's self-signed certificate (the desktop's default),
 * and shows a link with its LAN address. Chromium opens exactly that link — not localhost, so
 * only https gives it a secure context and a camera — accepting the certificate as a person
 * would once, signs in over the same origin's wss, and holds a video call with chat with the
 * desktop user.
 */
class DesktopLinkTest extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  @TempDir Path dir;
  private DesktopWindow window;
  private Chromium chromium;

  @AfterEach
  void close() throws Exception {
    try {
      HeadlessFx.closeWindow(window);
    } finally {
      if (chromium != null) {
        chromium.close();
      }
    }
  }

  @Test
  void aBrowserOpensTheLinkTheDesktopShowsOverHttpsAndHoldsAVideoCallWithChat() throws Exception {
    ServerConfig embedded = ServerConfig.defaults().withPorts(0, 0).withSelfSignedTls(dir.resolve("tls"));
    window = HeadlessFx.openWindow(new ClientBackend(MediaConfig.synthetic(), embedded,
        new ServerTrust(new KnownServers(dir.resolve("known-servers")))));
    clickOn("#name").write("desk");
    clickOn("#signIn");
    waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
    URI link = URI.create(HeadlessFx.fx(() -> lookup("#joinLink").queryAs(TextField.class).getText()));
    assertEquals("https", link.getScheme(), link.toString());
    assertFalse(InetAddress.getByName(link.getHost()).isLoopbackAddress(), link.toString());

    chromium = new Chromium(List.of("--ignore-certificate-errors")); // the person accepts it once
    String origin = "https://" + link.getAuthority();
    WebPeer web = new WebPeer(chromium, origin, link.toString(), "web");
    assertEquals(true, web.page.evaluate("() => window.isSecureContext && !!navigator.mediaDevices"),
        "https from the LAN address: a secure context with a camera");
    web.signIn();
    assertEquals("wss://" + link.getAuthority() + "/ws", web.page.evaluate("() => window.peerphone.signaling.url"),
        "signaling on the link's own origin");
    web.awaitUser("desk", "available");

    web.call("desk");
    waitUntil("banner shows web", () -> window.model().incomingCallerProperty().get().equals("web"));
    clickOn("#accept");
    BrowserDesktopInteropTest.videoBothWays(window, web);
    BrowserDesktopInteropTest.chatBothWays(this, window, web, "hello from the desktop", "hello from across the LAN");
    assertTrue(web.consoleErrors().isEmpty(), web.consoleErrors().toString());
  }
}
