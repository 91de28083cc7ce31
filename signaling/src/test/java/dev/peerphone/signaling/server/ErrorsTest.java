package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every row of the Errors section: one typed error, and the connection stays usable. */
class ErrorsTest {
  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  @Test
  void invalidJsonGetsInvalidJsonError() {
    TestClient c = fixture.login("alice");
    for (String bad : new String[] {"{", "{\"type\":", "not json", "{\"type\":\"ping\"} trailing",
        "{'type':'ping'}", "{\"type\":\"ping\",}", ""}) {
      c.send(bad);
      c.nextError("invalid-json");
    }
    assertStillUsable(c);
  }

  @Test
  void nonObjectsAndMissingOrWrongTypedFieldsGetInvalidMessage() {
    TestClient c = fixture.login("alice");
    fixture.login("bob");
    for (String bad : new String[] {
        "[1,2]", "\"login\"", "42", "null", "{}", "{\"type\":7}", "{\"name\":\"bob\"}",
        "{\"type\":\"offer\",\"name\":\"bob\"}",
        "{\"type\":\"offer\",\"name\":\"bob\",\"offer\":\"v=0\"}",
        "{\"type\":\"answer\",\"name\":\"bob\",\"answer\":[1]}",
        "{\"type\":\"candidate\",\"name\":\"bob\"}",
        "{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":5}",
        "{\"type\":\"chat\",\"name\":\"bob\"}",
        "{\"type\":\"chat\",\"name\":\"bob\",\"text\":{\"a\":1}}",
        "{\"type\":\"call\"}", "{\"type\":\"call\",\"name\":[\"bob\"]}",
        "{\"type\":\"reject\",\"name\":\"bob\",\"reason\":\"because\"}",
    }) {
      c.send(bad);
      c.nextError("invalid-message");
    }
    assertStillUsable(c);
  }

  @Test
  void loginWithoutNameIsInvalidMessage() {
    TestClient c = fixture.connect();
    c.send("{\"type\":\"login\"}");
    c.nextError("invalid-message");
    c.send("{\"type\":\"login\",\"name\":12}");
    c.nextError("invalid-message");
  }

  @Test
  void unknownTypeSaysCommandNotFound() {
    TestClient c = fixture.login("alice");
    c.send("{\"type\":\"dance\",\"name\":\"bob\"}");
    JsonObject error = c.nextError("unknown-type");
    assertEquals("Command not found: dance", error.get("message").getAsString());
    assertStillUsable(c);
  }

  @Test
  void everythingButLoginAndPingNeedsLogin() {
    TestClient c = fixture.connect();
    for (String type : new String[] {"users", "ice", "find", "next", "stop"}) {
      c.send("{\"type\":\"" + type + "\"}");
      c.nextError("not-logged-in");
    }
    c.send("{\"type\":\"chat\",\"name\":\"x\",\"text\":\"hi\"}");
    c.nextError("not-logged-in");
    c.send("{\"type\":\"leave\",\"name\":\"x\"}");
    c.nextError("not-logged-in");
  }

  @Test
  void unknownUserErrorNamesTheTarget() {
    TestClient c = fixture.login("alice");
    c.send("{\"type\":\"offer\",\"name\":\"ghost\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    JsonObject error = c.nextError("unknown-user");
    assertEquals("ghost", error.get("name").getAsString());
    assertStillUsable(c);
  }

  @Test
  void binaryFramesAreNotSupported() {
    TestClient c = fixture.login("alice");
    c.send("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    c.nextError("binary-not-supported");
    assertStillUsable(c);
  }

  @Test
  void framesOver64KibGetTooLargeThenClose1009() {
    TestClient c = fixture.login("alice");
    c.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"" + "x".repeat(64 * 1024) + "\"}");
    c.nextError("too-large");
    assertEquals(1009, c.awaitClose());
  }

  @Test
  void framesJustUnder64KibAreAccepted() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    String prefix = "{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"";
    String text = "x".repeat(64 * 1024 - prefix.length() - 2);
    alice.send(prefix + text + "\"}");
    assertEquals(text, bob.nextSkippingUsers("chat").get("text").getAsString());
  }

  @Test
  void moreThanTwentyBadMessagesInTenSecondsCloses1008() {
    TestClient c = fixture.login("alice");
    for (int i = 0; i < 21; i++) {
      c.send("nope");
    }
    for (int i = 0; i < 21; i++) {
      c.nextError("invalid-json");
    }
    assertEquals(1008, c.awaitClose());
  }

  @Test
  void twentyBadMessagesAreTolerated() {
    TestClient c = fixture.login("alice");
    for (int i = 0; i < 20; i++) {
      c.send("nope");
      c.nextError("invalid-json");
    }
    assertStillUsable(c);
  }

  @Test
  void aBadClientDoesNotDisturbOthers() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient mallory = fixture.login("mallory");
    for (int i = 0; i < 30; i++) {
      mallory.send("}{");
    }
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"still here\"}");
    assertEquals("still here", bob.nextSkippingUsers("chat").get("text").getAsString());
    assertEquals(1008, mallory.awaitClose());
    // mallory left: others get a presence push, nothing else
    alice.expectNothingBut_users(200);
  }

  static void assertStillUsable(TestClient c) {
    c.send("{\"type\":\"ping\"}");
    c.nextSkippingUsers("pong");
    assertTrue(c.isOpen());
  }
}
