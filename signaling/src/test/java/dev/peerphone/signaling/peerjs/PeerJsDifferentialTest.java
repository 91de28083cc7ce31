package dev.peerphone.signaling.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same scripted exchanges against the real PeerServer ({@code peer@1.0.2}, a node process)
 * and against our server's PeerServer mode give the same frames: OPEN, the ERROR texts, ID-TAKEN,
 * {@code src} stamped over a spoofed one, queued delivery after OPEN, EXPIRE timing, the alive
 * timeout, {@code GET …/id} and {@code …/peers}. Then what we chose to do differently: OPEN on a
 * same-token reconnect (PeerServer sends none), and junk that kills PeerServer leaves ours up.
 * Both run the script at once, each against its own server (short alive timeout on both).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerJsDifferentialTest {
  private static final long ALIVE_MS = 1500;
  private static final long EXPIRE_MS = 5000;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt: PeerServer's ws would answer it 400
      .connectTimeout(Duration.ofSeconds(10)).build();
  private static ReferencePeerServer reference;
  private static SignalingServer ours;

  /** Where a script runs: {@code ws} is {@code ws://host:port/peerjs/peerjs}, {@code http} the same port over http. */
  record Target(String name, String ws, String http) {}

  @BeforeAll
  static void start() throws Exception {
    reference = ReferencePeerServer.start("/peerjs", ALIVE_MS, EXPIRE_MS);
    ours = SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, 0)
        .withAddressPolicy(0, 0).withPeerJs(PeerJsConfig.defaults().withDiscovery(true)
            .withTimeouts(Duration.ofMillis(ALIVE_MS), Duration.ofMillis(EXPIRE_MS))));
  }

  @AfterAll
  static void stop() {
    if (ours != null) {
      ours.close();
    }
    if (reference != null) {
      reference.close();
    }
  }

  static Target referenceTarget() {
    return new Target("peer@1.0.2", "ws://127.0.0.1:" + reference.port + "/peerjs/peerjs",
        "http://127.0.0.1:" + reference.port + "/peerjs/");
  }

  static Target ourTarget() {
    return new Target("peerphone", "ws://127.0.0.1:" + ours.httpPort() + "/peerjs/peerjs",
        "http://127.0.0.1:" + ours.httpPort() + "/peerjs/");
  }

  @Test
  @Order(1)
  void scriptedExchangesGiveTheSameFramesAsPeerServer() throws Exception {
    CompletableFuture<List<String>> theirs = CompletableFuture.supplyAsync(() -> script(referenceTarget()));
    List<String> mine = script(ourTarget());
    List<String> expected = theirs.get();
    assertEquals(String.join("\n", expected), String.join("\n", mine));
    assertTrue(reference.alive(), "the reference PeerServer survived the script");
  }

  /** Twenty kinds of bad input; each gets one BAD-MESSAGE and leaves the connection open. */
  private static final List<String> JUNK = List.of("not json", "{", "[]", "42", "null", "\"OFFER\"", "{}",
      "{\"type\":42}", "{\"type\":\"NOPE\"}", "{\"type\":\"OFFER\"}", "{\"type\":\"OFFER\",\"dst\":7}",
      "{\"type\":\"OFFER\",\"dst\":\"x\",\"payload\":\"str\"}", "{\"type\":\"OFFER\",\"dst\":\"x\",\"payload\":[1]}",
      "{\"type\":\"open\"}", "[".repeat(100) + "]".repeat(100), "\uFEFF{}", "{\"type\":\"OFFER\",\"dst\":\"x\"}}}",
      "{\"type\":\"EXPIRE\"}", "{\"type\":\"CANDIDATE\",\"dst\":[\"a\"]}", "BINARY");

  @Test
  @Order(2)
  void thousandJunkFramesLeaveOurServerUpAndOthersUnaffected() throws Exception {
    Target t = ourTarget();
    FrameClient innocent = FrameClient.peerJs(t.ws, "peerjs", "innocent", "ti").heartbeat(400);
    assertEquals("OPEN", innocent.next().get("type").getAsString());
    FrameClient pat = FrameClient.open(ours.webSocketUri(), "Pat");
    pat.send("{\"type\":\"login\",\"name\":\"Pat\",\"features\":[\"ring\",\"peerjs\"]}");
    assertTrue(pat.next("login").get("success").getAsBoolean());

    List<FrameClient> junk = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      FrameClient c = FrameClient.peerJs(t.ws, "peerjs", "junk" + i, "t").heartbeat(400); // the alive timeout is short here
      assertEquals("OPEN", c.next().get("type").getAsString());
      junk.add(c);
    }
    for (FrameClient c : junk) {
      for (String frame : JUNK) {
        if (frame.equals("BINARY")) {
          c.send(new byte[] {(byte) 0xff, 0, 1});
        } else {
          c.send(frame);
        }
      }
    }
    List<FrameClient> huge = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      FrameClient c = FrameClient.peerJs(t.ws, "peerjs", "huge" + i, "t");
      c.next();
      c.send("{\"type\":\"OFFER\",\"dst\":\"innocent\",\"payload\":{\"sdp\":\"" + "x".repeat(100_000) + "\"}}");
      huge.add(c);
    }
    for (FrameClient c : junk) {
      for (String frame : JUNK) {
        JsonObject reply = c.next();
        assertEquals("BAD-MESSAGE", reply.get("type").getAsString(), c.label + " after " + frame + ": " + reply);
        assertTrue(reply.getAsJsonObject("payload").get("msg").getAsString().length() > 0);
      }
      assertTrue(c.isOpen(), c.label + " stays connected after 20 bad frames");
    }
    for (FrameClient c : huge) {
      c.awaitClose();
      assertEquals(1009, c.closed.get().intValue(), "an oversized frame closes 1009");
    }

    innocent.send("{\"type\":\"OFFER\",\"dst\":\"pat\",\"payload\":{\"sdp\":\"v=0\",\"connectionId\":\"mc_9\"}}");
    JsonObject offer = pat.next("peerjs");
    assertEquals("innocent", offer.get("name").getAsString());
    assertEquals("{\"type\":\"OFFER\",\"payload\":{\"sdp\":\"v=0\",\"connectionId\":\"mc_9\"}}",
        offer.get("message").toString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"innocent\",\"message\":{\"type\":\"ANSWER\",\"payload\":{\"sdp\":\"a\"}}}");
    assertEquals("{\"type\":\"ANSWER\",\"src\":\"Pat\",\"dst\":\"innocent\",\"payload\":{\"sdp\":\"a\"}}",
        innocent.next().toString());
    assertTrue(get(t.http.replace("/peerjs/", "/healthz"), null).contains(": 200 "), "healthz after the junk");
    innocent.assertNoMore();
    pat.assertNoMore();
    for (FrameClient c : junk) {
      c.close();
    }
    innocent.close();
    pat.close();
  }

  @Test
  @Order(3)
  void peerServerItselfDiesOnOneNonJsonFrame() throws Exception {
    FrameClient c = FrameClient.peerJs(referenceTarget().ws, "peerjs", "victim", "t");
    assertEquals("OPEN", c.next().get("type").getAsString());
    c.send("not json");
    c.awaitClose();
    assertTrue(reference.awaitExit(10_000), "peer@1.0.2 exits on a non-JSON frame (why we answer BAD-MESSAGE)");
  }

  /** The script; returns what each client saw, one line per frame or event. */
  private static List<String> script(Target t) {
    List<String> log = new ArrayList<>();
    for (String[] q : new String[][] {{"peerjs", null, "t"}, {"peerjs", "x", null}, {null, "x", "t"},
        {"wrong", "x", "t"}}) {
      FrameClient c = FrameClient.peerJs(t.ws, q[0], q[1], q[2]);
      log.add("refused " + String.join(",", String.valueOf(q[0]), String.valueOf(q[1]), String.valueOf(q[2]))
          + ": " + c.next() + ", closed");
      c.awaitClose();
    }
    FrameClient alice = FrameClient.peerJs(t.ws, "peerjs", "alice", "t1").heartbeat(400);
    log.add("alice: " + alice.next());
    FrameClient imposter = FrameClient.peerJs(t.ws, "peerjs", "alice", "other");
    log.add("alice with another token: " + imposter.next() + ", closed");
    imposter.awaitClose();

    alice.send("{\"type\":\"OFFER\",\"src\":\"mallory\",\"dst\":\"bob\",\"payload\":{\"sdp\":\"v=0\",\"type\":\"media\","
        + "\"connectionId\":\"mc_1\"}}");
    alice.send("{\"type\":\"CANDIDATE\",\"dst\":\"bob\",\"payload\":{\"candidate\":{\"candidate\":\"c1\"},"
        + "\"connectionId\":\"mc_1\"}}");
    alice.send("{\"type\":\"CANDIDATE\",\"dst\":\"alice\",\"payload\":{\"probe\":1}}"); // to self: both were handled
    log.add("alice: " + alice.next());
    FrameClient bob = FrameClient.peerJs(t.ws, "peerjs", "bob", "t2").heartbeat(400);
    for (int i = 0; i < 3; i++) {
      log.add("bob: " + bob.next());
    }
    bob.send("{\"type\":\"ANSWER\",\"src\":\"carol\",\"dst\":\"alice\",\"payload\":{\"sdp\":\"v=0 answer\"}}");
    log.add("alice: " + alice.next());
    bob.send("{\"type\":\"LEAVE\",\"dst\":\"alice\"}");
    log.add("alice: " + alice.next());

    FrameClient dave = FrameClient.peerJs(t.ws, "peerjs", "dave", "t4"); // sends no HEARTBEAT
    log.add("dave: " + dave.next());
    long start = System.nanoTime();
    alice.send("{\"type\":\"OFFER\",\"dst\":\"carol\",\"payload\":{\"sdp\":\"never answered\"}}");
    long closedAfter = dave.awaitClose();
    log.add("dave closed " + window(closedAfter, ALIVE_MS - 300, ALIVE_MS + 2500) + " the alive timeout");
    JsonObject expire = alice.next();
    long expiredAfter = (System.nanoTime() - start) / 1_000_000;
    log.add("alice: " + expire + " " + window(expiredAfter, EXPIRE_MS - 200, EXPIRE_MS + 2500) + " the expire timeout");

    log.add(get(t.http + "peerjs/id", "http://page.example"));
    log.add(get(t.http + "peerjs/peers", null));

    FrameClient again = FrameClient.peerJs(t.ws, "peerjs", "bob", "t2").heartbeat(400); // same id, same token
    JsonObject first = again.poll(1000);
    alice.send("{\"type\":\"OFFER\",\"dst\":\"bob\",\"payload\":{\"sdp\":\"after reconnect\"}}");
    JsonObject offer = first == null || first.get("type").getAsString().equals("OPEN") ? again.next() : first;
    log.add("bob's new socket: " + offer);
    if (t.name.equals("peerphone")) {
      assertEquals("{\"type\":\"OPEN\"}", String.valueOf(first), "we send OPEN on a same-token reconnect (#462)");
    } else {
      assertTrue(first == null || !first.get("type").getAsString().equals("OPEN"),
          "PeerServer 1.0.2 sends no OPEN on a same-token reconnect (peers/peerjs-server#462): " + first);
    }
    for (FrameClient c : List.of(alice, bob, again)) {
      c.close();
    }
    return log;
  }

  private static String window(long ms, long from, long to) {
    return ms >= from && ms <= to ? "within" : "outside (" + ms + " ms, wanted " + from + "-" + to + ")";
  }

  /** A GET, as a page's fetch: status, CORS, and the body (a fresh id is shown as its shape). */
  private static String get(String url, String origin) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
      if (origin != null) {
        request.header("Origin", origin);
      }
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = r.body().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
          ? "<uuid v4>" : r.body();
      return "GET " + url.replaceAll("^http://[^/]+", "") + ": " + r.statusCode() + " "
          + r.headers().firstValue("Content-Type").orElse("").replace("; charset=utf-8", "") + " cors="
          + r.headers().firstValue("Access-Control-Allow-Origin").orElse("-") + " " + body;
    } catch (Exception e) {
      throw new AssertionError("GET " + url, e);
    }
  }
}
