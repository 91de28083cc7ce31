package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static dev.peerphone.app.ui.HeadlessFx.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.peerphone.app.peerjs.PeerJsFixture;
import dev.peerphone.app.peerjs.PeerJsPage;
import dev.peerphone.app.ui.CallPhase;
import dev.peerphone.app.ui.ChatLine;
import dev.peerphone.app.ui.DesktopWindow;
import dev.peerphone.app.ui.HeadlessFx;
import dev.peerphone.app.ui.PhoneModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The real desktop window (JavaFX under Monocle, real WebRTC) and the real browser client in
 * headless Chromium, through the real embedded server: calls both ways, video decoded on both
 * sides, chat both ways, a hang-up on one side ends the call on the other.
 *
 * <p>Playwright is used from the test thread only; the window is read on the FX thread.
 */
class BrowserDesktopInteropTest extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  /** A hang-up travels as a DataChannel bye plus a server leave: seconds, not a media timeout. */
  private static final Duration HANG_UP = Duration.ofSeconds(10);
  private static Chromium chromium;
  private static ClassicPageServer pages;
  private WebServer server;
  private DesktopWindow window;

  @BeforeAll
  static void launch() {
    chromium = new Chromium();
    pages = new ClassicPageServer();
  }

  @AfterAll
  static void quit() {
    chromium.close();
    pages.close();
  }

  @BeforeEach
  void open() throws Exception {
    server = new WebServer();
    window = HeadlessFx.openWindow();
  }

  @AfterEach
  void close() throws Exception {
    try {
      HeadlessFx.closeWindow(window);
    } finally {
      server.close();
    }
  }

  @Test
  void browserCallsDesktopWhichAcceptsFromTheBannerVideoAndChatBothWaysBrowserHangsUp() {
    signInDesktop("desk");
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    web.awaitUser("desk", "available");

    web.call("desk");
    waitUntil("banner shows web", () -> window.model().incomingCallerProperty().get().equals("web"));
    clickOn("#accept");
    videoBothWays(web);
    chatBothWays(web, "hello from the desktop", "hello from the browser");

    web.hangUp("desk");
    waitUntil("call over in the window", () -> window.model().peerProperty().get().isEmpty()
        && window.model().remotePeers().isEmpty());
    web.awaitNoCall("desk", HANG_UP);
  }

  @Test
  void desktopCallsBrowserWhichAcceptsVideoAndChatBothWaysDesktopHangsUp() {
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    signInDesktop("desk");
    waitUntil("web listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("web")));

    // Select, then Call: a double-click can split into two single clicks on a loaded machine.
    clickOn("web  (available)");
    clickOn("#callSelected");
    waitUntil("calling web", () -> window.model().peerProperty().get().equals("web"));
    web.awaitIncoming("desk");
    web.accept("desk");
    videoBothWays(web);
    chatBothWays(web, "ringing you from Java", "answered in Chromium");

    clickOn("#hangUp");
    web.awaitNoCall("desk", HANG_UP);
    web.awaitNote("desk hung up.");
    waitUntil("call over in the window", () -> window.model().peerProperty().get().isEmpty());
  }

  @Test
  void desktopCallsAClassicTutorialPageWithTheOrdinaryCallButtonVideoAndChatBothWays() {
    Page page = chromium.newPage(pages.origin());
    page.navigate(pages.origin() + "/classic.html?ws=" + server.wsUri());
    waitFor(page, "() => window.classic.connected()");
    page.fill("#usernameInput", "classic");
    page.click("#loginBtn");
    waitFor(page, "() => window.classic.ready");
    signInDesktop("desk");
    waitUntil("classic listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("classic")));

    // The page ignores call; the server accepts for it (it announced no "ring"), so we offer at once.
    clickOn("classic  (available)");
    clickOn("#callSelected");
    waitUntil("call connected in the window", () -> window.model().phaseProperty().get() == CallPhase.CONNECTED);
    HeadlessFx.awaitRemoteVideo(window, "classic", 10);
    waitFor(page, "async () => (await window.classic.framesDecoded()) >= 20");

    clickOn("#chatInput").write("hello classic page");
    type(KeyCode.ENTER);
    waitFor(page, "() => [...document.querySelectorAll('#chatarea .line')].some(l => l.textContent === 'desk: hello classic page')");
    waitFor(page, "() => window.classic.channelOpen()");
    page.fill("#msgInput", "hello desk");
    page.click("#sendMsgBtn");
    waitUntil("page's line shown", () -> window.model().chat().stream()
        .anyMatch(l -> l.sender().equals("classic") && l.text().equals("hello desk")));
  }

  /**
   * Issue 13 in the window: an unmodified PeerJS 1.5 page using our server as its PeerServer is
   * listed with a PeerJS mark, called with the ordinary Call button (the page answers as the
   * tutorial's do), video both ways, chat both ways (the window's line travels over a
   * DataConnection it opens; the page's reply is shown in the chat pane), and the window's
   * hang-up closes the page's call.
   */
  @Test
  void desktopCallsAPeerJsPageMarkedInTheListVideoAndChatBothWaysDesktopHangsUp() throws Exception {
    try (PeerJsPage site = new PeerJsPage(PeerJsFixture.installed())) {
      Page page = chromium.newPage(site.origin());
      page.navigate(site.origin() + "/");
      page.evaluate("([id, port, path]) => start(id, port, path)", List.of("page", server.httpPort(), "/peerjs"));
      signInDesktop("desk");
      waitUntil("page listed as a PeerJS user", () -> window.model().users().stream()
          .anyMatch(u -> u.name().equals("page") && u.peerjs()));
      waitUntil("the PeerJS mark shown", () -> HeadlessFx.fx(() -> lookup(".peerjs-badge").queryAll().stream()
          .anyMatch(javafx.scene.Node::isVisible)));

      clickOn("page  (available)");
      clickOn("#callSelected");
      waitUntil("call connected in the window", () -> window.model().phaseProperty().get() == CallPhase.CONNECTED);
      HeadlessFx.awaitRemoteVideo(window, "page", 10);
      waitFor(page, "() => window.callStream && window.decodedFrames() >= 20");
      // Its audio is measured here (Chromium's fake microphone beeps), and "mute for me" reaches the call.
      waitUntil("the page heard speaking", () -> HeadlessFx.fx(() -> window.model().audio().speaking().contains("page")));
      HeadlessFx.fx(() -> {
        window.model().tiles().setMutedForMe("page", true);
        return null;
      });
      assertEquals(java.util.Map.of("page", false), window.model().tiles().playing().get(10, TimeUnit.SECONDS));

      clickOn("#chatInput").write("hello PeerJS page");
      type(KeyCode.ENTER);
      waitFor(page, "() => window.received.includes('hello PeerJS page')");
      page.evaluate("() => window.conns.find((c) => c.open).send('hello desk')");
      waitUntil("page's line shown", () -> window.model().chat().stream()
          .anyMatch(l -> l.sender().equals("page") && l.text().equals("hello desk")));

      clickOn("#hangUp");
      waitFor(page, "() => window.callClosed", HANG_UP);
      waitUntil("call over in the window", () -> window.model().peerProperty().get().isEmpty());
    }
  }

  private static void waitFor(Page page, String js, Duration timeout) {
    page.waitForFunction(js, null, new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis())
        .setPollingInterval(100));
  }

  private static void waitFor(Page page, String js) {
    page.waitForFunction(js, null, new Page.WaitForFunctionOptions().setTimeout(WebPeer.MEDIA.toMillis())
        .setPollingInterval(100));
  }

  private void signInDesktop(String name) {
    clickOn("#name").write(name);
    clickOn("#server").write(server.wsUri().toString());
    clickOn("#signIn");
    waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
  }

  private void videoBothWays(WebPeer web) {
    videoBothWays(window, web);
  }

  private void chatBothWays(WebPeer web, String fromDesktop, String fromBrowser) {
    chatBothWays(this, window, web, fromDesktop, fromBrowser);
  }

  /** The window draws Chromium's fake camera (pixels move); Chromium decodes the synthetic pattern. */
  static void videoBothWays(DesktopWindow window, WebPeer web) {
    waitUntil("call connected in the window", () -> window.model().phaseProperty().get() == CallPhase.CONNECTED);
    HeadlessFx.awaitRemoteVideo(window, "web", 10);
    assertAtLeast(20, web.awaitVideoFrom("desk", 20), "frames decoded in the browser");
  }

  /** A line typed in the window reaches the page (and is marked delivered), and one back. */
  static void chatBothWays(FxRobot robot, DesktopWindow window, WebPeer web, String fromDesktop, String fromBrowser) {
    robot.clickOn("#chatInput").write(fromDesktop);
    robot.type(KeyCode.ENTER);
    web.awaitChat("desk", fromDesktop);
    waitUntil("our line marked delivered", () -> window.model().chat().stream()
        .anyMatch(l -> l.text().equals(fromDesktop) && l.delivery() == ChatLine.Delivery.DELIVERED));
    web.awaitChatOpen("desk");
    web.say("desk", fromBrowser);
    waitUntil("browser's line shown", () -> window.model().chat().stream()
        .anyMatch(l -> l.sender().equals("web") && l.text().equals(fromBrowser)));
  }
}
