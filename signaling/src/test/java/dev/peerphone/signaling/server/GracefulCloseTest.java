package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client the server closes for abuse reads every reply sent before the close, the close frame
 * with its code and reason, and then a clean end of stream — even when it had flooded the server
 * with more than the server read before closing (closing a socket with unread input resets it,
 * and a reset makes the client's kernel discard what the client had not read yet).
 */
class GracefulCloseTest {
  private static final int ROUNDS = 3;

  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  private RawWebSocket loggedIn(String name) throws Exception {
    RawWebSocket ws = new RawWebSocket(fixture.uri());
    ws.write(RawWebSocket.textFrame("{\"type\":\"login\",\"name\":\"" + name + "\"}"));
    assertTrue(ws.next().get("success").getAsBoolean());
    return ws;
  }

  @ParameterizedTest(name = "{0} pings at once")
  @ValueSource(ints = {1_200, 5_000})
  void aPingFloodGetsTheBurstsPongsThenRateLimitedAndClose1008(int pings) throws Exception {
    byte[] ping = RawWebSocket.textFrame("{\"type\":\"ping\"}");
    ByteArrayOutputStream flood = new ByteArrayOutputStream();
    for (int i = 0; i < pings; i++) {
      flood.writeBytes(ping);
    }
    long errorsSent = 0;
    for (int round = 0; round < ROUNDS; round++) {
      try (RawWebSocket ws = loggedIn("flood" + round)) {
        ws.writeInBackground(flood.toByteArray(), 64 * ping.length);
        RawWebSocket.Transcript t = ws.readUntilClose();
        errorsSent += t.count("error", "rate-limited");
        long pongs = t.count("pong", null);
        // The bucket holds 200 (the login took one) and refills 100/s while the flood is read.
        assertTrue(pongs >= 190 && pongs <= 300, "round " + round + ": pongs for the burst: " + pongs);
        assertTrue(t.count("error", "rate-limited") >= 1, "round " + round + ": rate-limited errors");
        assertEquals(1008, t.closeCode(), "round " + round);
        assertEquals("Too many bad or rate-limited messages", t.closeReason());
        assertEquals("eof", t.end(), "round " + round + ": the stream ends cleanly after the close frame");
      }
    }
    // what arrived after the close decision is neither answered nor counted as an error sent
    assertEquals(errorsSent, ConnectionLimitsTest.metric(fixture, "peerphone_errors_total{code=\"rate-limited\"}"));
  }

  /** The same flood from a real WebSocket client (Java-WebSocket's), sent message by message. */
  @ParameterizedTest(name = "{0} pings from a WebSocket client")
  @ValueSource(ints = {1_200, 5_000})
  void aPingFloodFromAWebSocketClientGetsThePongsThenClose1008(int pings) {
    for (int round = 0; round < ROUNDS; round++) {
      TestClient c = fixture.login("client" + round);
      try {
        for (int i = 0; i < pings; i++) {
          c.send("{\"type\":\"ping\"}");
        }
      } catch (WebsocketNotConnectedException closedMeanwhile) {
        // the server closed while the client was still sending: what came before is checked below
      }
      assertEquals(1008, c.awaitClose(), "round " + round);
      int pongs = 0;
      int limited = 0;
      for (JsonObject m; (m = c.poll(0)) != null; ) { // all read before the close was reported
        if (m.get("type").getAsString().equals("pong")) {
          pongs++;
        } else if (m.get("type").getAsString().equals("error") && m.get("code").getAsString().equals("rate-limited")) {
          limited++;
        }
      }
      assertTrue(pongs >= 190 && pongs <= 300, "round " + round + ": pongs for the burst: " + pongs);
      assertTrue(limited >= 1, "round " + round + ": rate-limited errors");
    }
  }

  @ParameterizedTest(name = "{0} KiB frame")
  @ValueSource(ints = {65, 1024})
  void anOversizedFrameGetsTooLargeThenClose1009(int kib) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      try (RawWebSocket ws = loggedIn("big" + round)) {
        ws.writeInBackground(RawWebSocket.textFrame("{\"type\":\"chat\",\"name\":\"x\",\"text\":\""
            + "x".repeat(kib * 1024) + "\"}"), 4096);
        RawWebSocket.Transcript t = ws.readUntilClose();
        assertEquals(1, t.count("error", "too-large"), "round " + round + ": " + t.messages());
        assertEquals(1009, t.closeCode(), "round " + round);
        assertTrue(t.closeReason().startsWith("Message larger than"), t.closeReason());
        assertEquals("eof", t.end(), "round " + round);
      }
    }
  }

  @Test
  void aClosedClientIsLetGoAtOnceWhenItClosesAndAfterTheLingerWhenItDoesNot() throws Exception {
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    for (int i = 0; i < 21; i++) { // more than 20 bad messages: close 1008
      bad.writeBytes(RawWebSocket.textFrame("nope"));
    }
    TestClient watcher = fixture.login("watcher");
    try (RawWebSocket polite = loggedIn("polite")) {
      secondsUntil(watcher, "polite", true);
      polite.write(bad.toByteArray());
      assertEquals(1008, polite.readUntilClose().closeCode());
    } // closes its side: the server closes at once
    assertTrue(secondsUntil(watcher, "polite", false) < 1.5, "polite let go at once");

    try (RawWebSocket stubborn = loggedIn("stubborn")) {
      secondsUntil(watcher, "stubborn", true);
      stubborn.write(bad.toByteArray());
      assertEquals("eof", stubborn.readUntilClose().end()); // the server's FIN; this side stays open
      double s = secondsUntil(watcher, "stubborn", false);
      assertTrue(s >= 0.5 && s < GracefulClose.LINGER_MS / 1000.0 + 2, "stubborn let go after the linger: " + s);
    }
  }

  /** Seconds until the presence {@code watcher} receives lists {@code name} (or no longer does). */
  private static double secondsUntil(TestClient watcher, String name, boolean listed) {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 10_000_000_000L) {
      JsonObject m = watcher.poll(200);
      if (m != null && m.get("type").getAsString().equals("users")
          && m.get("users").toString().contains("\"" + name + "\"") == listed) {
        return (System.nanoTime() - t0) / 1e9;
      }
    }
    throw new AssertionError(name + (listed ? " not" : " still") + " listed after 10 s");
  }
}
