package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static dev.peerphone.app.ui.HeadlessFx.waitUntil;

import com.microsoft.playwright.Page;
import dev.peerphone.app.ui.CallPhase;
import dev.peerphone.app.ui.ChatLine;
import dev.peerphone.app.ui.DesktopWindow;
import dev.peerphone.app.ui.HeadlessFx;
import dev.peerphone.app.ui.PhoneModel;
import java.time.Duration;
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
