package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The classic tutorial messages, exactly as a page written for that protocol uses them. */
class ClassicProtocolTest {
  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  @Test
  void loginSucceedsWithNameUsersAndEmptyIceServers() {
    TestClient alice = fixture.connect();
    alice.send("{\"type\":\"login\",\"name\":\"alice\"}");
    JsonObject reply = alice.next("login");
    assertTrue(reply.get("success").getAsBoolean());
    assertEquals("alice", reply.get("name").getAsString());
    assertEquals(0, reply.getAsJsonArray("iceServers").size());
    JsonObject self = reply.getAsJsonArray("users").get(0).getAsJsonObject();
    assertEquals("alice", self.get("name").getAsString());
    assertEquals("available", self.get("status").getAsString());
  }

  @Test
  void anyPathWorksIncludingWs() {
    TestClient c = fixture.track(TestClient.connect(fixture.uri().resolve("/ws")));
    c.send("{\"type\":\"ping\"}");
    c.next("pong");
  }

  @Test
  void serverSendsNothingBeforeTheClientSpeaks() {
    TestClient client = fixture.connect();
    client.expectNothingBut_users(300);
    client.assertNoMore();
  }

  @Test
  void loginFailureReasons() {
    fixture.login("Bob");
    TestClient c = fixture.connect();
    c.send("{\"type\":\"login\",\"name\":\"bob\"}");
    assertLoginFailed(c, "name-taken");
    c.send("{\"type\":\"login\",\"name\":\"no spaces\"}");
    assertLoginFailed(c, "invalid-name");
    c.send("{\"type\":\"login\",\"name\":\"\"}");
    assertLoginFailed(c, "invalid-name");
    c.send("{\"type\":\"login\",\"name\":\"" + "x".repeat(33) + "\"}");
    assertLoginFailed(c, "invalid-name");
    c.send("{\"type\":\"login\",\"name\":\"<img src=x>\"}");
    assertLoginFailed(c, "invalid-name");
    c.send("{\"type\":\"login\",\"name\":\"  Zoë_Ωmega-1.2  \"}");
    JsonObject ok = c.next("login");
    assertTrue(ok.get("success").getAsBoolean());
    assertEquals("Zoë_Ωmega-1.2", ok.get("name").getAsString(), "trimmed, shown as given");
    c.send("{\"type\":\"login\",\"name\":\"carol\"}");
    assertLoginFailed(c, "already-logged-in");
  }

  @Test
  void thirtyTwoCharacterNamesAreValid() {
    fixture.login("y".repeat(32));
  }

  @Test
  void offerAnswerCandidateAreRelayedWithTheSenderStamped() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    String offer = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}";
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":" + offer + "}");
    JsonObject got = bob.nextSkippingUsers("offer");
    assertEquals("alice", got.get("name").getAsString());
    assertEquals(JsonParser.parseString(offer), got.get("offer"));

    bob.send("{\"type\":\"answer\",\"name\":\"alice\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}");
    JsonObject answer = alice.nextSkippingUsers("answer");
    assertEquals("bob", answer.get("name").getAsString());
    assertEquals("v=0", answer.getAsJsonObject("answer").get("sdp").getAsString());

    String candidate = "{\"candidate\":\"candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host\","
        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
    alice.send("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":" + candidate + "}");
    JsonObject cand = bob.nextSkippingUsers("candidate");
    assertEquals("alice", cand.get("name").getAsString());
    assertEquals(JsonParser.parseString(candidate), cand.get("candidate"));
  }

  @Test
  void nullCandidateIsRelayedAsIs() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":null}");
    JsonObject got = bob.nextSkippingUsers("candidate");
    assertTrue(got.has("candidate") && got.get("candidate").isJsonNull(), got.toString());
  }

  @Test
  void aClientCannotImpersonateAnotherName() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    fixture.login("carol");
    // Alice claims to be carol in every field she can: the server stamps "alice" regardless.
    alice.send("{\"type\":\"chat\",\"from\":\"carol\",\"sender\":\"carol\",\"name\":\"bob\",\"text\":\"hi\"}");
    JsonObject chat = bob.nextSkippingUsers("chat");
    assertEquals("alice", chat.get("name").getAsString());
    alice.send("{\"name\":\"carol\",\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"name\":\"bob\"}");
    assertEquals("alice", bob.nextSkippingUsers("offer").get("name").getAsString());
  }

  @Test
  void targetNamesAreCaseInsensitive() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("Bob");
    alice.send("{\"type\":\"chat\",\"name\":\"BOB\",\"text\":\"hey\"}");
    assertEquals("hey", bob.nextSkippingUsers("chat").get("text").getAsString());
  }

  @Test
  void leaveReachesTheTargetAndEndsTheCall() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    assertEquals("busy", statusOf(alice, "bob"));
    alice.send("{\"type\":\"leave\",\"name\":\"bob\"}");
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", statusOf(alice, "bob"));
  }

  @Test
  void chatIsRelayedVerbatimIncludingMarkupAndUnicode() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    String text = "<img src=x onerror=alert(1)> \"quoted\" \\ ünïcødé 😀 \n line";
    JsonObject m = new JsonObject();
    m.addProperty("type", "chat");
    m.addProperty("name", "bob");
    m.addProperty("text", text);
    alice.send(m.toString());
    JsonObject got = bob.nextSkippingUsers("chat");
    assertEquals(text, got.get("text").getAsString());
    assertEquals("alice", got.get("name").getAsString());
  }

  @Test
  void pingGetsPongEvenBeforeLogin() {
    TestClient c = fixture.connect();
    c.send("{\"type\":\"ping\"}");
    c.next("pong");
  }

  @Test
  void usersListsEveryoneWithStatus() {
    TestClient alice = fixture.login("alice");
    fixture.login("bob");
    alice.drainUsers();
    alice.send("{\"type\":\"users\"}");
    JsonObject users = alice.nextSkippingUsers("users");
    assertEquals(2, users.getAsJsonArray("users").size());
    assertFalse(users.has("more"));
  }

  @Test
  void messagesToYourselfAreInvalid() {
    TestClient alice = fixture.login("alice");
    alice.send("{\"type\":\"call\",\"name\":\"alice\"}");
    alice.nextError("invalid-message");
  }

  static void assertLoginFailed(TestClient c, String reason) {
    JsonObject reply = c.next("login");
    assertFalse(reply.get("success").getAsBoolean(), reply.toString());
    assertEquals(reason, reply.get("reason").getAsString());
  }

  /**
   * Asks for the users list and returns the status of {@code name}. A ping after the request
   * marks the end: the last list before the pong is the reply (or an even newer push).
   */
  static String statusOf(TestClient asker, String name) {
    asker.send("{\"type\":\"users\"}");
    asker.send("{\"type\":\"ping\"}");
    JsonObject latest = null;
    for (JsonObject m = asker.poll(TestClient.TIMEOUT_MS); ; m = asker.poll(TestClient.TIMEOUT_MS)) {
      if (m == null) {
        throw new AssertionError("no pong");
      }
      String type = m.get("type").getAsString();
      if (type.equals("pong")) {
        break;
      }
      assertEquals("users", type, "unexpected " + m);
      latest = m;
    }
    for (var u : latest.getAsJsonArray("users")) {
      JsonObject user = u.getAsJsonObject();
      if (user.get("name").getAsString().equals(name)) {
        return user.get("status").getAsString();
      }
    }
    return "offline";
  }
}
