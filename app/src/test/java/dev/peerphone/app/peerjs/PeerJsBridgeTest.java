package dev.peerphone.app.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.call.PeerLink;
import dev.peerphone.app.call.SessionDescription;
import dev.peerphone.app.call.Signal;
import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.net.Codec;
import dev.peerphone.app.testing.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge side of the contract in docs/PEERJS.md, as JSON: our login announces "peerjs",
 * presence and match carry {@code peerjs:true}, {@code peerjs} envelopes parse into
 * {@link Signal.PeerJs}, and the PeerJS engine answers an envelope's OFFER with an envelope
 * carrying PeerJS 1.5.5's ANSWER payload (a fake media engine stands in for WebRTC; the real
 * PeerConnections are {@link PeerJsBrowserTest}'s).
 */
class PeerJsBridgeTest {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
  private final Recorder events = new Recorder("bridge");

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void loginAnnouncesPeerJsAndPresenceAndMatchCarryTheMark() {
    Signal.Users users = (Signal.Users) Codec.parse("{\"type\":\"users\",\"users\":[{\"name\":\"bob\",\"status\":\"available\"},"
        + "{\"name\":\"Page-1\",\"status\":\"busy\",\"peerjs\":true}]}");
    assertEquals(List.of(new UserStatus("bob", "available", false), new UserStatus("Page-1", "busy", true)), users.users());
    assertEquals(new Signal.Match("Page-1", true, true),
        Codec.parse("{\"type\":\"match\",\"name\":\"Page-1\",\"initiator\":true,\"peerjs\":true}"));
    assertEquals(new Signal.Match("bob", false, false), Codec.parse("{\"type\":\"match\",\"name\":\"bob\",\"initiator\":false}"));
  }

  @Test
  void envelopesParseAndEncodeAsTheContractSays() {
    Signal s = Codec.parse("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"CANDIDATE\","
        + "\"payload\":{\"connectionId\":\"mc_1\",\"type\":\"media\",\"candidate\":{\"candidate\":\"candidate:1\"}}}}");
    Signal.PeerJs p = assertInstanceOf(Signal.PeerJs.class, s);
    assertEquals("page1", p.from());
    assertEquals("CANDIDATE", p.type());
    assertEquals("mc_1", JsonParser.parseString(p.payloadJson()).getAsJsonObject().get("connectionId").getAsString());
    assertInstanceOf(Signal.Error.class, Codec.parse("{\"type\":\"peerjs\",\"name\":\"page1\"}"), "no message: a typed error");
    assertEquals(JsonParser.parseString("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"LEAVE\",\"payload\":{}}}"),
        JsonParser.parseString(Codec.peerjs("page1", "LEAVE", "{}")));
  }

  @Test
  void anOfferThroughTheBridgeIsAnsweredThroughTheBridgeWithPeerJsPayloads() throws Exception {
    PeerJsCalls calls = new PeerJsCalls(executor, new FakeMedia(), () -> new IceConfig(List.of(), false), true, false, events);
    calls.attach(new BridgeSignals((peer, type, payload) -> sent.add(Codec.peerjs(peer, type, payload))));
    PeerJsBridge bridge = new PeerJsBridge(calls);
    executor.submit(() -> bridge.incoming("page1", "OFFER", "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0 offer\"},"
        + "\"type\":\"data\",\"connectionId\":\"dc_abc\",\"label\":\"dc_abc\",\"reliable\":true,\"serialization\":\"json\"}")).get();
    JsonObject answer = JsonParser.parseString(sent.poll(5, TimeUnit.SECONDS)).getAsJsonObject();
    assertEquals(JsonParser.parseString("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"ANSWER\",\"payload\":"
        + "{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0 answer\"},\"type\":\"data\",\"connectionId\":\"dc_abc\"}}}"), answer);
    JsonObject candidate = JsonParser.parseString(sent.poll(5, TimeUnit.SECONDS)).getAsJsonObject();
    assertEquals(JsonParser.parseString("{\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 9 typ host\","
        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"type\":\"data\",\"connectionId\":\"dc_abc\"}"),
        candidate.getAsJsonObject("message").get("payload"));
    assertTrue(executor.submit(() -> bridge.handles("PAGE1")).get(), "a peer that sent PeerJS messages is a PeerJS peer");

    executor.submit(() -> bridge.incoming("page1", "OFFER", "not json")).get();
    assertEquals("invalid-message", events.await(CallEvent.Error.class, Duration.ofSeconds(5)).code());
  }

  /** Answers at once and gathers one host candidate; no WebRTC. */
  private static final class FakeMedia implements PeerJsMedia {
    @Override
    public PeerJsLink openPeerJs(String peer, IceConfig ice, boolean media, PeerJsLink.Listener l) {
      return new PeerJsLink() {
        @Override
        public void createOffer() {
          l.localDescription(new SessionDescription("offer", "v=0 offer"));
        }

        @Override
        public void acceptOffer(SessionDescription offer) {
          l.localDescription(new SessionDescription("answer", "v=0 answer"));
          l.localCandidate(new IceCandidate("candidate:1 1 udp 1 10.0.0.1 9 typ host", "0", 0));
        }

        @Override
        public void acceptAnswer(SessionDescription answer) {}

        @Override
        public void addRemoteCandidate(IceCandidate candidate) {}

        @Override
        public void openChannel(String label, boolean ordered) {}

        @Override
        public boolean send(byte[] bytes, boolean binary) {
          return true;
        }

        @Override
        public PeerLink.VideoStats remoteVideo() {
          return new PeerLink.VideoStats(0, 0, 0);
        }

        @Override
        public void close() {}
      };
    }
  }
}
