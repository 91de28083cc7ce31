package dev.peerphone.app.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.SessionDescription;
import dev.peerphone.app.call.Signal;
import org.junit.jupiter.api.Test;

class CodecTest {
  @Test
  void loginReplyCarriesUsersAndIceServersWithStringOrArrayUrls() {
    Signal s = Codec.parse("{\"type\":\"login\",\"success\":true,\"name\":\"Ann\",\"users\":[{\"name\":\"Ann\",\"status\":\"available\"}],"
        + "\"iceServers\":[{\"urls\":\"stun:s:3478\"},{\"urls\":[\"turn:t\"],\"username\":\"u\",\"credential\":\"p\"}]}");
    Signal.LoggedIn in = assertInstanceOf(Signal.LoggedIn.class, s);
    assertEquals("Ann", in.name());
    assertEquals("available", in.users().get(0).status());
    assertEquals("stun:s:3478", in.iceServers().get(0).urls().get(0));
    assertEquals("p", in.iceServers().get(1).credential());
  }

  @Test
  void policyAndIceRepliesParseAndAnUnknownPolicyIsATypedError() {
    String login = "{\"type\":\"login\",\"success\":true,\"name\":\"Ann\",\"users\":[],\"iceServers\":[]";
    assertFalse(((Signal.LoggedIn) Codec.parse(login + "}")).relayOnly(), "older servers send no policy");
    assertFalse(((Signal.LoggedIn) Codec.parse(login + ",\"iceTransportPolicy\":\"all\"}")).relayOnly());
    assertTrue(((Signal.LoggedIn) Codec.parse(login + ",\"iceTransportPolicy\":\"relay\"}")).relayOnly());
    Signal.Ice ice = assertInstanceOf(Signal.Ice.class, Codec.parse("{\"type\":\"ice\",\"iceServers\":"
        + "[{\"urls\":[\"turn:t:3478\"],\"username\":\"1800000000:Ann\",\"credential\":\"p\"}],"
        + "\"iceTransportPolicy\":\"relay\"}"));
    assertTrue(ice.relayOnly());
    assertEquals(1800000000L, ice.iceServers().get(0).expiryEpochSeconds().getAsLong());
    assertTrue(ice.iceServers().get(0).isTurn());
    assertEquals("invalid-message", ((Signal.Error) Codec.parse(
        "{\"type\":\"ice\",\"iceServers\":[],\"iceTransportPolicy\":\"sometimes\"}")).code());
    assertEquals("{\"type\":\"ice\"}", Codec.withField("ice", null, null, null));
  }

  @Test
  void browserShapedOfferAndCandidatesParse() {
    Signal.Offer o = assertInstanceOf(Signal.Offer.class,
        Codec.parse("{\"type\":\"offer\",\"name\":\"page\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}"));
    assertEquals(new SessionDescription("offer", "v=0\r\n"), o.offer());
    Signal.Candidate c = assertInstanceOf(Signal.Candidate.class, Codec.parse(
        "{\"type\":\"candidate\",\"name\":\"page\",\"candidate\":{\"candidate\":\"candidate:1 1 udp\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"x\"}}"));
    assertEquals(new IceCandidate("candidate:1 1 udp", "0", 0), c.candidate());
    assertNull(((Signal.Candidate) Codec.parse("{\"type\":\"candidate\",\"name\":\"p\",\"candidate\":null}")).candidate());
  }

  @Test
  void badFramesBecomeTypedErrorsNotExceptions() {
    assertEquals("invalid-message", ((Signal.Error) Codec.parse("not json")).code());
    assertEquals("invalid-message", ((Signal.Error) Codec.parse("[1,2]")).code());
    assertEquals("invalid-message", ((Signal.Error) Codec.parse("{\"type\":\"offer\",\"name\":\"x\"}")).code());
    assertEquals("invalid-message", ((Signal.Error) Codec.parse("{\"type\":\"offer\",\"name\":\"x\",\"offer\":{\"sdp\":5}}")).code());
    assertEquals("unknown-type", ((Signal.Error) Codec.parse("{\"type\":\"wat\"}")).code());
    assertNull(Codec.parse("{\"type\":\"pong\"}"));
  }

  @Test
  void outgoingMessagesUseTheBrowserShapes() {
    String offer = Codec.description("offer", "bob", new SessionDescription("offer", "v=0\r\n"));
    assertEquals("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}", offer);
    String cand = Codec.candidate("bob", new IceCandidate("candidate:1", "0", 0));
    assertEquals("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}", cand);
    assertTrue(Codec.withField("reject", "bob", "reason", "busy").contains("\"reason\":\"busy\""));
  }

  @Test
  void loginPresentsTheResumeTokenOnlyWhenItHasOne() {
    assertEquals("{\"type\":\"login\",\"name\":\"Ann\",\"features\":[\"ring\",\"peerjs\"]}", Codec.login("Ann", null));
    assertEquals("{\"type\":\"login\",\"name\":\"Ann\",\"features\":[\"ring\",\"peerjs\"],\"token\":\"t0k-_\"}",
        Codec.login("Ann", "t0k-_"));
  }

  @Test
  void theResumeTokenIsReadFromALoginReplyButNeverPartOfTheSignal() {
    String reply = "{\"type\":\"login\",\"success\":true,\"name\":\"Ann\",\"users\":[],\"iceServers\":[],\"token\":\"abc_-1\"}";
    assertEquals("abc_-1", Codec.loginToken(reply));
    assertFalse(Codec.parse(reply).toString().contains("abc_-1"), "listeners and logs never see it");
    assertNull(Codec.loginToken("{\"type\":\"login\",\"success\":true,\"name\":\"Ann\",\"users\":[],\"iceServers\":[]}"));
    assertNull(Codec.loginToken("{\"type\":\"login\",\"success\":true,\"token\":7}"));
    assertNull(Codec.loginToken("not json"));
  }
}
