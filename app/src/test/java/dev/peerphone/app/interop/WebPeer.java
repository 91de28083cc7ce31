package dev.peerphone.app.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one browser-client page the way a person does (type, click), and reads back what the
 * page shows. Waits are Playwright {@code waitForFunction} polls with timeouts, never sleeps.
 */
final class WebPeer {
  static final Duration MEDIA = Duration.ofSeconds(30);
  static final Duration SHORT = Duration.ofSeconds(20);

  final String name;
  final Page page;
  private final List<String> consoleErrors = new ArrayList<>();

  WebPeer(Chromium chromium, WebServer server, String name) {
    this.name = name;
    this.page = chromium.newPage(server.origin());
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        consoleErrors.add(m.text());
      }
    });
    page.navigate(server.clientUrl());
  }

  /** Signs in and waits until the page shows the signed-in view. */
  WebPeer signIn() {
    signInAs(name);
    waitFor("n => document.getElementById('me').textContent === n", name, SHORT);
    return this;
  }

  void signInAs(String who) {
    page.fill("#name", who);
    page.click("#login-btn");
  }

  String loginError() {
    waitFor("() => document.getElementById('login-error').textContent.length > 0", null, SHORT);
    return page.textContent("#login-error");
  }

  void call(String peer) {
    page.fill("#call-name", peer);
    page.click("#call-btn");
  }

  /** Clicks Call on the peer's row of the online list. */
  void callFromList(String peer) {
    page.click("#users li[data-name='" + peer + "'] button.call");
  }

  void accept(String peer) {
    page.click("#incoming .ring[data-peer='" + peer + "'] .accept", new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
  }

  void reject(String peer) {
    page.click("#incoming .ring[data-peer='" + peer + "'] .reject", new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
  }

  void hangUp(String peer) {
    page.click(tile(peer) + " .hangup");
  }

  /** Waits until the remote tile has rendered {@code frames} video frames and getStats counts them decoded. */
  long awaitVideoFrom(String peer, int frames) {
    waitFor("([p, n]) => { const t = [...document.querySelectorAll('.tile.remote')].find(x => x.dataset.peer === p);"
        + " return t && Number(t.dataset.frames) >= n; }", List.of(peer, frames), MEDIA);
    waitFor("async ([p, n]) => (await window.peerphone.framesDecoded(p)) >= n", List.of(peer, frames), MEDIA);
    Object decoded = page.evaluate("p => window.peerphone.framesDecoded(p)", peer);
    return ((Number) decoded).longValue();
  }

  void awaitChatOpen(String peer) {
    waitFor("p => window.peerphone.calls().some(c => c.peer === p && c.chatOpen)", peer, MEDIA);
  }

  /** Types into the chat box and sends to {@code peer}. */
  void say(String peer, String text) {
    page.selectOption("#chat-to", peer);
    page.fill("#chat-input", text);
    page.click("#chat-send");
  }

  /** Waits until a chat line from {@code from} reads exactly {@code text} (as text). */
  void awaitChat(String from, String text) {
    waitFor("([w, t]) => [...document.querySelectorAll('#chat-log .msg')].some(m =>"
        + " m.querySelector('.who')?.textContent === w && m.querySelector('.text').textContent === t)",
        List.of(from, text), MEDIA);
  }

  void awaitNote(String text) {
    waitFor("t => [...document.querySelectorAll('#chat-log .msg.note')].some(m => m.textContent.includes(t))", text, MEDIA);
  }

  /** Waits until the page has no call with {@code peer} left and its tile is gone. */
  void awaitNoCall(String peer, Duration timeout) {
    waitFor("p => !window.peerphone.calls().some(c => c.peer === p)"
        + " && ![...document.querySelectorAll('.tile.remote')].some(x => x.dataset.peer === p)", peer, timeout);
  }

  void awaitCameraOff(String peer, boolean off) {
    waitFor("([p, off]) => { const t = [...document.querySelectorAll('.tile.remote')].find(x => x.dataset.peer === p);"
        + " return t && t.querySelector('.camera-off').hidden === !off; }", List.of(peer, off), MEDIA);
  }

  void awaitIncoming(String peer) {
    page.waitForSelector("#incoming .ring[data-peer='" + peer + "']", new Page.WaitForSelectorOptions().setTimeout(MEDIA.toMillis()));
  }

  void awaitUser(String user, String status) {
    waitFor("([u, s]) => [...document.querySelectorAll('#users li')].some(li => li.dataset.name === u"
        + " && li.querySelector('.badge').textContent === s)", List.of(user, status), MEDIA);
  }

  String status(String which) {
    return page.textContent("#status-" + which);
  }

  void screenshot(Path file) {
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
  }

  List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  private static String tile(String peer) {
    return ".tile.remote[data-peer='" + peer + "']";
  }

  void waitFor(String js, Object arg, Duration timeout) {
    page.waitForFunction(js, arg, new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()).setPollingInterval(100));
  }

  static void assertAtLeast(long min, long actual, String what) {
    assertTrue(actual >= min, what + ": " + actual + " < " + min);
  }
}
