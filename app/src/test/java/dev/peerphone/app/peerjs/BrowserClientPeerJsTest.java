package dev.peerphone.app.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.peerphone.app.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 in the browser: the Peerphone browser client (the page our server serves) and an
 * unmodified PeerJS 1.5.5 page ({@code testing/peerjs/page.html}, the npm package's
 * {@code peerjs.min.js}) on one server, in one headless Chromium: calls from the list and from
 * the page with video decoded both ways and hang-up each way within 2 s, declining, chat both ways
 * in the default binary serialization (chunked 20,000 characters, a non-string value) and in json
 * and raw, {@code /find} and our {@code find} meeting in both orders, and bad PeerJS payloads
 * shown, not fatal. The client's side is docs/PEERJS.md "Browser client". The server, browser and
 * PeerJS page are {@link SharedPeerJsPage}'s (shared with {@link PeerJsThroughServerTest}); the
 * client is one more page in that browser.
 */
class BrowserClientPeerJsTest {
  @RegisterExtension
  static final SharedPeerJsPage.Extension SHARED = new SharedPeerJsPage.Extension();

  private static final String WEB = "web";
  private static final String PAGE = SharedPeerJsPage.ID;
  private static final Duration MEDIA = Duration.ofSeconds(30);
  private static final long HANGUP_MS = 2000;

  private static TestServer server;
  private static Page web;
  private static Page page;
  private static final List<String> errors = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = SHARED.get().server;
    page = SHARED.get().page;
    web = SHARED.get().chromium.newPage(SHARED.get().clientOrigin());
    web.onPageError(e -> errors.add("uncaught: " + e));
    web.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        errors.add(m.text());
      }
    });
    web.navigate(SHARED.get().clientOrigin() + "/");
    web.fill("#name", WEB);
    web.click("#login-btn");
    await(web, "n => document.getElementById('me').textContent === n", WEB);
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      SHARED.get().chromium.closePage(web); // signs the client out: the shared page is left alone
    }
  }

  @AfterEach
  void nothingLeftOver() {
    awaitNoCall(Duration.ofSeconds(5));
    assertEquals(List.of(), errors, "uncaught errors and console errors in the browser client");
  }

  private static void await(Page p, String js, Object arg) {
    await(p, js, arg, MEDIA);
  }

  private static void await(Page p, String js, Object arg, Duration timeout) {
    try {
      p.waitForFunction(js, arg, new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()).setPollingInterval(50));
    } catch (com.microsoft.playwright.TimeoutError e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + js + " (" + arg + "); client: "
          + web.evaluate("() => JSON.stringify({users: window.peerphone.users, calls: window.peerphone.calls(),"
          + " log: [...document.querySelectorAll('#chat-log .msg')].map(m => m.textContent.slice(0, 200))})")
          + "; page: " + page.evaluate("() => JSON.stringify(log)"), e);
    }
  }

  /** The client shows PAGE in its online list with the PeerJS badge and {@code status}. */
  private static void awaitPageListed(String status) {
    await(web, "([u, s]) => [...document.querySelectorAll('#users li')].some(li => li.dataset.name === u"
        + " && li.querySelector('.badge').textContent === s && li.querySelector('.badge.peerjs'))", List.of(PAGE, status));
  }

  /** Video both ways: the client's tile rendered and getStats decoded frames, the page's video decoded frames. */
  private static void awaitVideoBothWays(int frames) {
    await(web, "([p, n]) => { const t = [...document.querySelectorAll('.tile.remote')].find(x => x.dataset.peer === p);"
        + " return t && Number(t.dataset.frames) >= n; }", List.of(PAGE, frames));
    await(web, "async ([p, n]) => (await window.peerphone.framesDecoded(p)) >= n", List.of(PAGE, frames));
    await(page, "n => callStream && decodedFrames() >= n", frames);
  }

  private static void awaitNoCall(Duration timeout) {
    await(web, "p => !window.peerphone.calls().some(c => c.peer === p)"
        + " && ![...document.querySelectorAll('.tile.remote')].some(x => x.dataset.peer === p)", PAGE, timeout);
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static void awaitChat(String text) {
    await(web, "([w, t]) => [...document.querySelectorAll('#chat-log .msg')].some(m =>"
        + " m.querySelector('.who')?.textContent === w && m.querySelector('.text').textContent === t)", List.of(PAGE, text));
  }

  private static void awaitNote(String text) {
    await(web, "t => [...document.querySelectorAll('#chat-log .msg.note')].some(m => m.textContent.includes(t))", text);
  }

  private static void say(String text) {
    web.selectOption("#chat-to", PAGE);
    web.fill("#chat-input", text);
    web.click("#chat-send");
  }

  @Test
  void theClientCallsThePageFromTheListAndEachSideHangsUpWithin2s() {
    awaitPageListed("available");
    web.click("#users li[data-name='" + PAGE + "'] button.call");
    awaitVideoBothWays(10);
    Map<?, ?> call = (Map<?, ?>) web.evaluate("p => window.peerphone.calls().find(c => c.peer === p)", PAGE);
    assertEquals(true, call.get("peerjs"));
    assertEquals("connected", call.get("state"));
    awaitPageListed("busy");
    // chat during the call: the client opens a DataConnection (binary) and the page reads it
    page.evaluate("() => { received.length = 0; }");
    say("hello page");
    await(page, "t => received.includes(t)", "hello page");

    long t0 = System.nanoTime();
    web.click(".tile.remote[data-peer='" + PAGE + "'] .hangup");
    await(page, "() => callClosed", null, Duration.ofSeconds(5));
    long ms = millisSince(t0);
    assertTrue(ms <= HANGUP_MS, "the page's call 'close' came " + ms + " ms after the client's hang-up");
    awaitNoCall(Duration.ofSeconds(2));
    awaitPageListed("available"); // LEAVE told the server the call is over

    // the page calls: it rings, the client accepts, the page hangs up
    page.evaluate("id => callJava(id)", WEB);
    web.click("#incoming .ring[data-peer='" + PAGE + "'] .accept", new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
    awaitVideoBothWays(10);
    t0 = System.nanoTime();
    page.evaluate("() => call.close()");
    awaitNoCall(Duration.ofSeconds(5));
    ms = millisSince(t0);
    assertTrue(ms <= HANGUP_MS, "the client's call ended " + ms + " ms after the page's close()");
    awaitNote(PAGE + " hung up.");

    // declined: PeerJS has no reject, the client closes (LEAVE) and nothing is left on either side
    page.evaluate("id => callJava(id)", WEB);
    web.click("#incoming .ring[data-peer='" + PAGE + "'] .reject", new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
    awaitNoCall(Duration.ofSeconds(5));
    await(page, "id => !peer.connections[id] || peer.connections[id].length === 0", WEB); // the page's call was closed
    awaitPageListed("available");
  }

  @Test
  void chatGoesBothWaysOverThePagesDataConnectionsInEverySerialization() {
    page.evaluate("() => { received.length = 0; }");
    String id = (String) page.evaluate("id => connectJava(id)", WEB); // default options: binary
    page.evaluate("([id, t]) => connById(id).send(t)", List.of(id, "hi from the page"));
    awaitChat("hi from the page");
    page.evaluate("id => connById(id).send({reply: 'from the page', n: 2, bytes: new Uint8Array([1, 2, 255]), ok: true})", id);
    awaitChat("{\"reply\":\"from the page\",\"n\":2,\"bytes\":[1,2,255],\"ok\":true}");
    String big = "0123456789".repeat(2000); // 20,000 characters: chunked by BinaryPack both ways
    page.evaluate("([id, t]) => connById(id).send(t)", List.of(id, big));
    awaitChat(big);
    Map<?, ?> chat = (Map<?, ?>) web.evaluate("p => window.peerphone.calls().find(c => c.peer === p)", PAGE);
    assertEquals("chat", chat.get("state"), "a DataConnection alone is no call: no tile, not busy");
    assertEquals(0, web.locator(".tile.remote").count());

    say("hi from the web");
    await(page, "t => received.includes(t)", "hi from the web");
    say(big);
    await(page, "t => received.includes(t)", big);

    for (String serialization : List.of("json", "raw")) {
      String other = (String) page.evaluate("([id, s]) => connectJava(id, s)", List.of(WEB, serialization));
      page.evaluate("([id, t]) => connById(id).send(t)", List.of(other, serialization + " from the page"));
      awaitChat(serialization + " from the page");
      say(serialization + " reply"); // on the connection the page used last
      await(page, "([id, t]) => received.includes(t) && connById(id).open", List.of(other, serialization + " reply"));
    }
    page.evaluate("() => conns.forEach((c) => c.close())");
  }

  /** The chat-roulette tutorial's {@code GET /find?id=}. */
  private static HttpResponse<String> find(String id) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/find?id=" + id)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageAndTheClientMeetThroughFindAndFindInBothOrders() throws Exception {
    // The page asks first and waits; the client's find is matched with it and calls the page.
    assertEquals(404, find(PAGE).statusCode());
    awaitPageListed("matching");
    web.click("#roulette-start");
    awaitVideoBothWays(5);
    await(web, "t => document.getElementById('roulette-status').textContent === t", "Talking to " + PAGE);
    long t0 = System.nanoTime();
    web.click("#roulette-next"); // hangs up the PeerJS way and queues the client again
    await(page, "() => callClosed", null, Duration.ofSeconds(5));
    long ms = millisSince(t0);
    assertTrue(ms <= HANGUP_MS, "the page's call 'close' came " + ms + " ms after the client's Next");
    awaitNoCall(Duration.ofSeconds(2));

    // The client waits; the page's /find gets its name, the page calls and the client answers by itself.
    awaitClientMatching();
    HttpResponse<String> found = find(PAGE);
    assertEquals(200, found.statusCode(), found.body());
    assertEquals(WEB, found.body().trim());
    page.evaluate("id => callJava(id)", found.body().trim());
    awaitVideoBothWays(5);
    t0 = System.nanoTime();
    page.evaluate("() => call.close()");
    awaitNoCall(Duration.ofSeconds(5));
    ms = millisSince(t0);
    assertTrue(ms <= HANGUP_MS, "the client's roulette call ended " + ms + " ms after the page's close()");
    awaitClientMatching(); // the partner left: back in the queue, as after any roulette call

    // Stop while talking ends the call the PeerJS way too.
    assertEquals(200, find(PAGE).statusCode());
    page.evaluate("id => callJava(id)", WEB);
    awaitVideoBothWays(5);
    t0 = System.nanoTime();
    web.click("#roulette-stop");
    await(page, "() => callClosed", null, Duration.ofSeconds(5));
    ms = millisSince(t0);
    assertTrue(ms <= HANGUP_MS, "the page's call 'close' came " + ms + " ms after the client's Stop");
  }

  /** The client's find is queued on the server: its own entry in the users list it was sent says {@code matching}. */
  private static void awaitClientMatching() {
    await(web, "n => window.peerphone.users.some(u => u.name === n && u.status === 'matching')", WEB);
  }

  @Test
  void badPeerJsPayloadsAreShownAndLeaveNothingBehind() {
    page.evaluate("dst => peer.socket.send({type: 'OFFER', dst, payload: {type: 'media', bogus: 1}})", WEB);
    awaitNote(PAGE + " sent an OFFER without connectionId, sdp and type media|data");
    page.evaluate("dst => peer.socket.send({type: 'OFFER', dst, payload: {type: 'data', connectionId: 'dc_bad',"
        + " serialization: 'carrier-pigeon', sdp: {type: 'offer', sdp: 'v=0'}}})", WEB);
    awaitNote("serialization \"carrier-pigeon\"");
    page.evaluate("dst => peer.socket.send({type: 'OFFER', dst, payload: {type: 'media', connectionId: 'mc_garbage',"
        + " sdp: {type: 'offer', sdp: 'this is no SDP'}}})", WEB);
    web.click("#incoming .ring[data-peer='" + PAGE + "'] .accept", new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
    awaitNote("media connection mc_garbage");
    awaitNoCall(Duration.ofSeconds(5));
    page.evaluate("dst => peer.socket.send({type: 'ANSWER', dst, payload: {connectionId: 'mc_none', sdp: {type: 'answer', sdp: 'x'}}})", WEB);
    page.evaluate("dst => peer.socket.send({type: 'CANDIDATE', dst, payload: {connectionId: 'mc_none', candidate: 7}})", WEB);
    // still working afterwards
    page.evaluate("() => { received.length = 0; }");
    String id = (String) page.evaluate("id => connectJava(id)", WEB);
    page.evaluate("([id, t]) => connById(id).send(t)", List.of(id, "still here"));
    awaitChat("still here");
    page.evaluate("() => conns.forEach((c) => c.close())");
  }
}
