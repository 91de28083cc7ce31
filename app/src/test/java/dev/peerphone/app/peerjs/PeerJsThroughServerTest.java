package dev.peerphone.app.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 end to end through our own server: an unmodified page running PeerJS 1.5.5's
 * {@code peerjs.min.js} uses {@code ./peerphone server} as its PeerServer (the HTTP port, path
 * {@code /peerjs}), and a Peerphone client (the engine the desktop and headless peers run) on the
 * same server calls it and is called by it by name — the bridge of docs/PEERJS.md: presence marks
 * the page {@code peerjs:true}, the client's PeerJS messages travel as {@code peerjs} envelopes and
 * reach the page as PeerServer frames with {@code src} stamped. Video decoded both ways, hang-up
 * each way within 2 s, chat both ways over DataConnections. The server, browser and page are
 * {@link SharedPeerJsPage}'s (shared with {@link BrowserClientPeerJsTest}).
 */
class PeerJsThroughServerTest {
  @RegisterExtension
  static final SharedPeerJsPage.Extension SHARED = new SharedPeerJsPage.Extension();

  private static final String DESK = "desk";
  private static final String PAGE = SharedPeerJsPage.ID;
  private static final Duration HANGUP = Duration.ofSeconds(2);

  private static TestServer server;
  private static Peers peers;
  private static PeerClient desk;
  private static Page page;
  private static final Recorder java = new Recorder("desk");

  @BeforeAll
  static void start() {
    server = SHARED.get().server;
    page = SHARED.get().page;
    peers = new Peers(server);
    desk = peers.start(DESK, java);
    java.await(CallEvent.UsersChanged.class, e -> e.users().stream().anyMatch(u -> u.name().equals(PAGE) && u.peerjs()),
        Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (peers != null) {
      peers.close();
    }
  }

  private static void awaitPage(String condition, Duration timeout) {
    page.waitForFunction(condition, null, new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()));
  }

  @Test
  void thePageCallsTheDeskByNameWithVideoBothWaysAndTheDeskHangsUpWithin2s() {
    page.evaluate("id => callJava(id)", DESK);
    java.await(CallEvent.CallConnected.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    java.await(CallEvent.RemoteVideo.class, e -> e.peer().equals(PAGE) && e.frames() >= 10 && e.width() > 0, Duration.ofSeconds(20));
    awaitPage("callStream && decodedFrames() >= 10", Duration.ofSeconds(20));

    long t0 = System.nanoTime();
    desk.calls().hangup(PAGE);
    awaitPage("callClosed", Duration.ofSeconds(5));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms <= HANGUP.toMillis(), "the page's call 'close' came " + ms + " ms after the desk's hang-up");
    java.await(CallEvent.CallEnded.class, e -> e.peer().equals(PAGE), HANGUP);
    awaitBothAvailable();
  }

  /**
   * After a hang-up either way, presence shows both free again: a page sends nothing when a call
   * ends, so the desk's LEAVE is what ends the server's "busy" for the two of them.
   */
  private static void awaitBothAvailable() {
    java.await(CallEvent.UsersChanged.class, e -> e.users().stream().filter(u -> u.status().equals("available"))
        .map(u -> u.name()).toList().containsAll(List.of(PAGE, DESK)), Duration.ofSeconds(5));
  }

  @Test
  void theDeskCallsThePageByNameAndThePageHangsUpWithin2s() {
    desk.calls().call(PAGE);
    java.await(CallEvent.CallConnected.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    java.await(CallEvent.RemoteVideo.class, e -> e.peer().equals(PAGE) && e.frames() >= 10 && e.width() > 0, Duration.ofSeconds(20));
    awaitPage("callStream && decodedFrames() >= 10", Duration.ofSeconds(20));

    long t0 = System.nanoTime();
    page.evaluate("() => call.close()");
    CallEvent.CallEnded ended = java.await(CallEvent.CallEnded.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(5));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms <= HANGUP.toMillis(), "the desk's call ended " + ms + " ms after the page's close() (" + ended.reason() + ")");
    awaitBothAvailable();
  }

  @Test
  void chatGoesBothWaysOverDataConnections() {
    page.evaluate("() => { received.length = 0; }");
    desk.calls().sendChat(PAGE, "hi from the desk");
    awaitPage("received.includes('hi from the desk')", Duration.ofSeconds(20));
    page.evaluate("() => conns[conns.length - 1].send({reply: 'from the page', n: 2})");
    java.await(CallEvent.ChatReceived.class, e -> e.peer().equals(PAGE) && e.text().equals("{\"reply\":\"from the page\",\"n\":2}"),
        Duration.ofSeconds(10));
    String big = "0123456789".repeat(2000); // chunked by BinaryPack both ways
    page.evaluate("s => conns[conns.length - 1].send(s)", big);
    java.await(CallEvent.ChatReceived.class, e -> e.peer().equals(PAGE) && e.text().equals(big), Duration.ofSeconds(10));
    page.evaluate("() => conns[conns.length - 1].close()");
  }

  /** The chat-roulette tutorial's {@code GET /find?id=}: status and body. */
  private static HttpResponse<String> find(String id) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/find?id=" + id)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageAndTheDeskMeetThroughFindAndFindInBothOrders() throws Exception {
    // The page asks first and waits (404); the desk's find is matched with it and calls the page.
    assertEquals(404, find(PAGE).statusCode());
    desk.calls().find();
    CallEvent.Match match = java.await(CallEvent.Match.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(10));
    assertTrue(match.initiator(), "the desk calls a page that waits, as the tutorial's page expects");
    java.await(CallEvent.CallConnected.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    awaitPage("callStream && decodedFrames() >= 5", Duration.ofSeconds(20));
    desk.calls().stopRoulette();
    awaitPage("callClosed", Duration.ofSeconds(5));
    java.await(CallEvent.CallEnded.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(5));

    // The desk waits; the page's /find gets the desk's name and the page calls it.
    desk.calls().find();
    java.await(CallEvent.UsersChanged.class, e -> e.users().stream() // queued on the server before the page asks
        .anyMatch(u -> u.name().equals(DESK) && u.status().equals("matching")), Duration.ofSeconds(10));
    HttpResponse<String> found = find(PAGE);
    assertEquals(200, found.statusCode(), found.body());
    assertEquals(DESK, found.body().trim());
    assertTrue(!java.await(CallEvent.Match.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(10)).initiator());
    page.evaluate("id => callJava(id)", found.body().trim());
    java.await(CallEvent.CallConnected.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    awaitPage("callStream && decodedFrames() >= 5", Duration.ofSeconds(20));
    page.evaluate("() => call.close()");
    java.await(CallEvent.CallEnded.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(5));
    desk.calls().stopRoulette();
  }

  @Test
  void aPageWithoutAnIdGetsOneOverHttpAndATakenNameIsUnavailableId() {
    String[] r = ((String) page.evaluate("([port, taken]) => Promise.all(["
        + "  new Promise((resolve) => { const p = new Peer({host: '127.0.0.1', port, path: '/peerjs', debug: 0});"
        + "    p.on('open', (id) => { resolve('open ' + id); p.destroy(); }); p.on('error', (e) => resolve('error ' + e.type)); }),"
        + "  new Promise((resolve) => { const p = new Peer(taken, {host: '127.0.0.1', port, path: '/peerjs', debug: 0});"
        + "    p.on('open', (id) => { resolve('open ' + id); p.destroy(); }); p.on('error', (e) => { resolve('error ' + e.type); p.destroy(); }); })"
        + "]).then((a) => a.join('|'))", List.of(server.httpPort(), "Desk"))).split("\\|");
    assertTrue(r[0].startsWith("open ") && r[0].length() > "open ".length(), "a page without an id: " + r[0]);
    // PeerJS ids and Peerphone names share one case-insensitive namespace (docs/PEERJS.md).
    assertEquals("error unavailable-id", r[1], "a page asking for the desk's name");
  }
}
