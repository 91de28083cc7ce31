package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-recipient order across nodes (docs/CLUSTER.md, "Routing"): what one user sends to a user on
 * another node arrives in the order it was sent, also while relays flow both ways at full speed.
 * The relay benchmark (cluster2) once saw a few candidates overtake each other: a node's core
 * sometimes runs on Lettuce's event-loop thread (it completes commands there), and a publish
 * issued on that thread was written at once, ahead of publishes issued earlier from the selector
 * thread that were still waiting in the event loop's task queue.
 */
class ClusterRelayOrderTest {
  private static final int PAIRS = 40;
  /** Under the per-connection burst (200), so the rate limit never answers instead of relaying. */
  private static final int PER_SIDE = 150;

  @RegisterExtension
  final ClusterFixture cluster = ClusterFixture.started();

  @Test
  void relaysBetweenNodesKeepEachSendersOrderWhileBothWaysAreBusy() {
    List<TestClient> left = new ArrayList<>();
    List<TestClient> right = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      left.add(cluster.login(cluster.a, "left" + i));
      right.add(cluster.login(cluster.b, "right" + i));
    }
    for (int k = 1; k <= PER_SIDE; k++) {
      for (int i = 0; i < PAIRS; i++) {
        left.get(i).send(chat("right" + i, k));
        right.get(i).send(chat("left" + i, k));
      }
    }
    for (int i = 0; i < PAIRS; i++) {
      assertInOrder(right.get(i), "left" + i);
      assertInOrder(left.get(i), "right" + i);
    }
  }

  private static String chat(String to, int k) {
    return "{\"type\":\"chat\",\"name\":\"" + to + "\",\"text\":\"" + k + "\"}";
  }

  private static void assertInOrder(TestClient receiver, String from) {
    for (int k = 1; k <= PER_SIDE; k++) {
      JsonObject m = receiver.nextSkippingUsers("chat");
      assertEquals(from, m.get("name").getAsString(), m.toString());
      assertEquals(String.valueOf(k), m.get("text").getAsString(), receiver.name + " got chats from " + from + " out of order");
    }
  }
}
