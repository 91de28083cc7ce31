package dev.peerphone.app.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.interop.Chromium;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.signaling.peerjs.ReferencePeerServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java peer against the real PeerServer ({@code peer@1.0.2}) and an unmodified page running
 * PeerJS 1.5.5's {@code peerjs.min.js} in headless Chromium: video calls both ways (decoded on both
 * sides), hang-up both ways within 2 s, and DataConnections in the three serializations both ways.
 * One PeerServer, one browser page and one Java peer for the class.
 */
class PeerJsBrowserTest {
  private static final String JAVA = "javapeer";
  private static final String PAGE = "page";
  /** Where PeerServer is mounted, as a tutorial app might mount it. */
  private static final String PATH = "/myapp";
  private static final Duration HANGUP = Duration.ofSeconds(2);

  private static ReferencePeerServer server;
  private static PeerJsPage site;
  private static Chromium chromium;
  private static Page page;
  private static ScheduledExecutorService executor;
  private static RtcEngine engine;
  private static PeerJsCalls calls;
  private static PeerServerSignals signals;
  private static final Recorder java = new Recorder("java");

  @BeforeAll
  static void start() throws Exception {
    server = ReferencePeerServer.start(PATH, 60_000, 5_000); // peer@1.0.2 with its CLI's default timeouts
    site = new PeerJsPage(PeerJsFixture.DIR);
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "call-" + JAVA);
      t.setDaemon(true);
      return t;
    });
    engine = RtcEngine.create(executor, new MediaConfig(RtcEngine.TEST_PATTERN_320, true, null));
    calls = new PeerJsCalls(executor, engine, () -> new IceConfig(List.of(), false), true, true, java);
    calls.setOnData((peer, value) -> {
      if (value != null) { // PeerJS 1.5.5 pages throw on a received null (null["__peerData"]): never echo one
        calls.sendData(peer, value); // echo every value back, re-encoded by us
      }
    });
    signals = new PeerServerSignals(URI.create("ws://127.0.0.1:" + server.port + PATH), "peerjs", JAVA, calls);
    calls.attach(signals);
    signals.start();
    assertEquals(JAVA, java.await(CallEvent.LoggedIn.class).name());
    chromium = new Chromium();
    page = chromium.newPage(site.origin());
    page.navigate(site.origin() + "/");
    assertEquals(PAGE, page.evaluate("([id, port, path]) => start(id, port, path)", List.of(PAGE, server.port, PATH)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (calls != null) {
      calls.shutdown().get(10, TimeUnit.SECONDS);
    }
    if (signals != null) {
      signals.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (executor != null) {
      executor.shutdown();
    }
    if (chromium != null) {
      chromium.close();
    }
    if (site != null) {
      site.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void awaitPage(String condition, Duration timeout) {
    page.waitForFunction(condition, null, new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()));
  }

  @Test
  void pageCallsJavaWithVideoBothWaysAndJavaHangsUpWithin2s() {
    page.evaluate("id => callJava(id)", JAVA);
    java.await(CallEvent.IncomingCall.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(10));
    java.await(CallEvent.CallConnected.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    java.await(CallEvent.RemoteVideo.class, e -> e.peer().equals(PAGE) && e.frames() >= 10 && e.width() > 0, Duration.ofSeconds(20));
    awaitPage("callStream && decodedFrames() >= 10", Duration.ofSeconds(20));
    assertEquals(320, ((Number) page.evaluate("document.getElementById('remote').videoWidth")).intValue(),
        "the page decodes the Java test pattern");

    long t0 = System.nanoTime();
    calls.hangup(PAGE);
    awaitPage("callClosed", Duration.ofSeconds(5));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms <= HANGUP.toMillis(), "the page's call 'close' came " + ms + " ms after our hang-up");
    assertEquals("hangup", java.await(CallEvent.CallEnded.class, e -> e.peer().equals(PAGE), HANGUP).reason());
  }

  @Test
  void javaCallsPageWithVideoBothWaysAndPageHangsUpWithin2s() {
    calls.call(PAGE);
    java.await(CallEvent.CallConnected.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    java.await(CallEvent.RemoteVideo.class, e -> e.peer().equals(PAGE) && e.frames() >= 10 && e.width() > 0, Duration.ofSeconds(20));
    awaitPage("callStream && decodedFrames() >= 10", Duration.ofSeconds(20));

    long t0 = System.nanoTime();
    page.evaluate("() => call.close()");
    CallEvent.CallEnded ended = java.await(CallEvent.CallEnded.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(5));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals("remote-hangup", ended.reason());
    assertTrue(ms <= HANGUP.toMillis(), "our call ended " + ms + " ms after the page's close()");
  }

  /** Sends {@code values} (a JS array expression) on a new connection and checks each came back equal. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> roundTrip(String serialization, String values, String compare) {
    return (Map<String, Object>) page.evaluate("async ([javaId, serialization]) => {"
        + "  const t0 = Date.now();"
        + "  const id = await connectJava(javaId, serialization || undefined);"
        + "  const openMs = Date.now() - t0;"
        + "  const conn = connById(id);"
        + "  received.length = 0;"
        + "  const values = " + values + ";"
        + "  for (const v of values) conn.send(v);"
        + "  if (serialization !== 'raw') conn.send(null);" // raw: send(null) throws in the page and PeerJS closes the connection
        + "  const deadline = Date.now() + 15000;"
        + "  while (received.length < values.length && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));"
        + "  const eq = " + compare + ";"
        + "  const missing = values.map((v, i) => i).filter(i => !received.some(r => eq(values[i], r)));"
        + "  conn.close();"
        + "  return { count: received.length, missing: missing.join(','), openMs, log: log.join('; ') };"
        + "}", List.of(JAVA, serialization));
  }

  private static final String VALUES = "[\"hello\", 42, -7, 3.5, 1234567890123, true,"
      + " {text: \"nested\", list: [1, 2, {deep: \"yes\"}], flag: false}, \"0123456789\".repeat(2000)";

  @Test
  void binaryDataConnectionWithDefaultOptionsCarriesEveryKindOfValueBothWays() {
    Map<String, Object> r = roundTrip("", VALUES + ", new Uint8Array([0, 1, 2, 254, 255])]", "same");
    assertEquals("", r.get("missing"), "values that did not come back equal (indexes); got " + r.get("count"));
    java.await(CallEvent.ChatReceived.class, e -> e.text().equals("hello"), Duration.ofSeconds(5));
    java.await(CallEvent.ChatReceived.class,
        e -> e.text().equals("{\"text\":\"nested\",\"list\":[1,2,{\"deep\":\"yes\"}],\"flag\":false}"), Duration.ofSeconds(5));
    java.await(CallEvent.ChatReceived.class, e -> e.text().length() == 20000, Duration.ofSeconds(5));
    java.await(CallEvent.ChatReceived.class, e -> e.text().equals("null"), Duration.ofSeconds(5));
  }

  @Test
  void jsonDataConnectionCarriesValuesAsPeerJsSerializesThem() {
    // PeerJS refuses JSON messages of 16,300 bytes and more, so no 20,000-character string here;
    // a byte array travels as JSON.stringify makes it ({"0":…}).
    Map<String, Object> r = roundTrip("json", "[\"hello\", 42, -7, 3.5, 1234567890123, true,"
        + " {text: \"nested\", list: [1, 2, {deep: \"yes\"}], flag: false}, new Uint8Array([0, 1, 255])]",
        "(a, b) => JSON.stringify(a) === JSON.stringify(b)");
    assertEquals("", r.get("missing"), "values that did not come back equal (indexes); got " + r.get("count"));
    java.await(CallEvent.ChatReceived.class, e -> e.text().equals("{\"0\":0,\"1\":1,\"2\":255}"), Duration.ofSeconds(5));
  }

  @Test
  void rawDataConnectionCarriesStringsAndBytes() {
    Map<String, Object> r = roundTrip("raw", "[\"hello raw\", \"0123456789\".repeat(2000), new Uint8Array([9, 8, 7]).buffer]", "same");
    java.await(CallEvent.ChatReceived.class, e -> e.text().equals("hello raw"), Duration.ofSeconds(5));
    java.await(CallEvent.ChatReceived.class, e -> e.text().length() == 20000, Duration.ofSeconds(5));
    java.await(CallEvent.ChatReceived.class, e -> e.text().equals("[9,8,7]"), Duration.ofSeconds(5));
    assertEquals("", r.get("missing"), "values that did not come back equal (indexes); got " + r.get("count"));
  }

  @Test
  void javaOpensDataConnectionsForChatAndThePageAnswers() {
    page.evaluate("() => { received.length = 0; }");
    String big = "x".repeat(20000);
    calls.sendChat(PAGE, "hi from java");
    calls.sendChat(PAGE, big);
    java.await(CallEvent.ChatOpen.class, e -> e.peer().equals(PAGE), Duration.ofSeconds(20));
    java.await(CallEvent.ChatSent.class, e -> e.text().equals("hi from java"), Duration.ofSeconds(5));
    awaitPage("received.includes('hi from java') && received.some(x => x.length === 20000)", Duration.ofSeconds(10));
    page.evaluate("() => conns[conns.length - 1].send({reply: 'over binary', n: 1})");
    java.await(CallEvent.ChatReceived.class, e -> e.text().equals("{\"reply\":\"over binary\",\"n\":1}"), Duration.ofSeconds(10));
    page.evaluate("() => conns[conns.length - 1].close()");

    calls.connect(PAGE, PeerJsData.Kind.JSON);
    calls.sendChat(PAGE, "json from java");
    awaitPage("received.includes('json from java') && conns[conns.length - 1].serialization === 'json'", Duration.ofSeconds(20));
    page.evaluate("() => conns[conns.length - 1].close()");
  }
}
