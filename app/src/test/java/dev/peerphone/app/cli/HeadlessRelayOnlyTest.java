package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./peerphone headless --relay-only} and {@code relay-only on|off} on a server without TURN:
 * a typed error, and no call that would never connect.
 */
class HeadlessRelayOnlyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final TestServer server = new TestServer();
  private HeadlessProcess bob;
  private HeadlessProcess alice;

  @AfterEach
  void tearDown() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
    server.close();
  }

  private HeadlessProcess start(String name, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--server", server.uri().toString(), "--name", name,
        "--fake-audio", "--fake-video"));
    args.addAll(List.of(extra));
    return new HeadlessProcess(name, args);
  }

  @Test
  void relayOnlyWithoutTurnIsATypedErrorAndTheCallIsNotPlaced() {
    bob = start("bob");
    bob.await("logged-in", WAIT);
    alice = start("alice", "--relay-only", "--call", "bob");
    alice.await("logged-in", WAIT);
    JsonObject atLogin = alice.await("error", WAIT);
    assertTrue(atLogin.get("code").getAsString().equals("relay-unavailable"), atLogin.toString());
    assertTrue(atLogin.get("message").getAsString().contains("no TURN server"), atLogin.toString());
    JsonObject ended = alice.await("call-ended", WAIT);
    assertTrue(ended.get("reason").getAsString().equals("relay-unavailable"), ended.toString());
    alice.await("error", e -> e.get("code").getAsString().equals("relay-unavailable"), WAIT);
    bob.assertNo("incoming-call", Duration.ofSeconds(2));

    alice.command("relay-only maybe");
    alice.await("error", e -> e.get("code").getAsString().equals("bad-command"), WAIT);
    alice.command("relay-only off");
    alice.assertNo("error", Duration.ofSeconds(1));
    alice.command("relay-only on"); // says so at once again
    alice.await("error", e -> e.get("code").getAsString().equals("relay-unavailable"), WAIT);
  }
}
