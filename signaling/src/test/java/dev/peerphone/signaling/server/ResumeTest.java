package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PROTOCOL, Resuming: a login with the name's token takes over the session and its state. */
class ResumeTest {
  private static final String RING = ",\"features\":[\"ring\"]";

  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  @Test
  void everySuccessfulLoginCarriesAFreshRandomToken() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    assertTrue(alice.token.matches("[A-Za-z0-9_-]{22,}"), "base64url, at least 128 bits: " + alice.token);
    assertNotEquals(alice.token, bob.token);

    JsonObject reply = resume("alice", alice.token);
    assertTrue(reply.get("success").getAsBoolean(), "resumed: " + reply);
    assertEquals("alice", reply.get("name").getAsString());
    String fresh = reply.get("token").getAsString();
    assertTrue(fresh.matches("[A-Za-z0-9_-]{22,}"), fresh);
    assertNotEquals(alice.token, fresh, "a resumed login gets a fresh token");
  }

  @Test
  void aWrongOrMissingTokenForAHeldNameIsStillNameTaken() {
    TestClient alice = fixture.login("alice");
    assertEquals("name-taken", resume("alice", alice.token + "x").get("reason").getAsString());
    assertEquals("name-taken", resume("alice", fixture.login("bob").token).get("reason").getAsString());
    assertEquals("name-taken", resume("alice", null).get("reason").getAsString());
    alice.send("{\"type\":\"users\"}");
    alice.nextSkippingUsers("users");
    assertFalse(alice.closed.isDone(), "the holder keeps its connection");
  }

  @Test
  void aTokenOnlyWorksOnceTheNextLoginHasReplacedIt() {
    TestClient alice = fixture.login("alice");
    resumeOk("alice", alice.token);
    assertEquals("name-taken", resume("alice", alice.token).get("reason").getAsString());
    assertEquals(1, ConnectionLimitsTest.metric(fixture, "peerphone_resumed_logins_total"),
        "/metrics counts the resumed login, not the refused one");
  }

  @Test
  void aTokenThatIsNotAStringIsAnInvalidMessage() {
    TestClient c = fixture.connect();
    c.send("{\"type\":\"login\",\"name\":\"alice\",\"token\":42}");
    c.nextError("invalid-message");
  }

  @Test
  void takeoverClosesTheOldConnectionWith4001AndKeepsTheCallWithoutLeave() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"o\"}}");
    bob.nextSkippingUsers("offer");

    TestClient alice2 = resumeOk("alice", alice.token);
    assertEquals(4001, alice.awaitClose());
    bob.expectNothingBut_users(500); // no leave: to bob, alice never went

    bob.send("{\"type\":\"answer\",\"name\":\"alice\",\"answer\":{\"type\":\"answer\",\"sdp\":\"a\"}}");
    assertEquals("bob", alice2.nextSkippingUsers("answer").get("name").getAsString());
    alice2.send("{\"type\":\"users\"}");
    assertEquals("[{\"name\":\"alice\",\"status\":\"busy\"},{\"name\":\"bob\",\"status\":\"busy\"}]",
        alice2.nextSkippingUsers("users").get("users").toString(), "same place, still in the call");

    bob.close();
    assertEquals("bob", alice2.nextSkippingUsers("leave").get("name").getAsString(),
        "bob's call is now with the new connection");
  }

  @Test
  void theNewConnectionInheritsRinging() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    bob.nextSkippingUsers("call");

    TestClient alice2 = resumeOk("alice", alice.token);
    assertEquals(4001, alice.awaitClose());
    bob.send("{\"type\":\"accept\",\"name\":\"alice\"}");
    assertEquals("bob", alice2.nextSkippingUsers("accept").get("name").getAsString());
    bob.expectNothingBut_users(300);
  }

  @Test
  void ringingPeersAreToldWhenTheNewConnectionGoes() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    bob.send("{\"type\":\"call\",\"name\":\"alice\"}");
    alice.nextSkippingUsers("call");

    TestClient alice2 = resumeOk("alice", alice.token);
    assertEquals(4001, alice.awaitClose());
    bob.expectNothingBut_users(300);
    alice2.close();
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
  }

  @Test
  void theNewConnectionKeepsTheRouletteQueuePlace() {
    TestClient alice = fixture.login("alice");
    alice.send("{\"type\":\"find\"}");
    awaitStatus(alice, "alice", "matching");

    TestClient alice2 = resumeOk("alice", alice.token);
    assertEquals(4001, alice.awaitClose());
    awaitStatus(alice2, "alice", "matching");
    TestClient bob = fixture.login("bob");
    bob.send("{\"type\":\"find\"}");
    JsonObject match = alice2.nextSkippingUsers("match");
    assertEquals("bob", match.get("name").getAsString());
    assertTrue(match.get("initiator").getAsBoolean(), "still the longer-waiting one");
  }

  @Test
  void theNewConnectionKeepsTheRoulettePartner() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"find\"}");
    awaitStatus(alice, "alice", "matching");
    bob.send("{\"type\":\"find\"}");
    alice.nextSkippingUsers("match");
    bob.nextSkippingUsers("match");

    TestClient alice2 = resumeOk("alice", alice.token);
    assertEquals(4001, alice.awaitClose());
    bob.expectNothingBut_users(300);
    alice2.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"o\"}}");
    assertEquals("alice", bob.nextSkippingUsers("offer").get("name").getAsString());
    bob.send("{\"type\":\"next\"}");
    assertEquals("bob", alice2.nextSkippingUsers("leave").get("name").getAsString(),
        "the partner's next parts from the new connection");
  }

  @Test
  void tokensAreNeverShownToOthers() {
    List<String> tokens = new ArrayList<>();
    TestClient bob = fixture.login("bob");
    TestClient alice = fixture.login("alice");
    tokens.add(alice.token);
    tokens.add(bob.token);
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"hi\"}");
    List<JsonObject> seen = new ArrayList<>();
    seen.add(bob.nextSkippingUsers("call"));
    seen.add(bob.nextSkippingUsers("chat"));
    TestClient alice2 = resumeOk("alice", alice.token);
    tokens.add(alice2.token);
    alice2.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"o\"}}");
    bob.send("{\"type\":\"users\"}");
    alice2.send("{\"type\":\"users\"}");
    seen.add(bob.nextSkippingUsers("offer"));
    seen.add(alice2.nextSkippingUsers("users"));
    bob.received.drainTo(seen);
    alice2.received.drainTo(seen);
    for (JsonObject m : seen) {
      assertFalse(m.has("token"), "no token field outside a login reply: " + m);
      for (String t : tokens) {
        assertFalse(m.toString().contains(t), "a token leaked: " + m);
      }
    }
  }

  private JsonObject resume(String name, String token) {
    TestClient c = fixture.connect();
    String tokenField = token == null ? "" : ",\"token\":\"" + token + "\"";
    c.send("{\"type\":\"login\",\"name\":\"" + name + "\"" + RING + tokenField + "}");
    return c.next("login");
  }

  private TestClient resumeOk(String name, String token) {
    TestClient c = fixture.connect();
    c.send("{\"type\":\"login\",\"name\":\"" + name + "\"" + RING + ",\"token\":\"" + token + "\"}");
    JsonObject reply = c.next("login");
    assertTrue(reply.get("success").getAsBoolean(), "resumed: " + reply);
    c.name = name;
    c.token = reply.get("token").getAsString();
    return c;
  }

  private static void awaitStatus(TestClient c, String name, String status) {
    c.send("{\"type\":\"users\"}");
    while (true) {
      JsonObject users = c.nextSkippingUsers("users");
      for (var u : users.getAsJsonArray("users")) {
        JsonObject o = u.getAsJsonObject();
        if (o.get("name").getAsString().equals(name) && o.get("status").getAsString().equals(status)) {
          return;
        }
      }
      c.send("{\"type\":\"users\"}");
    }
  }
}
