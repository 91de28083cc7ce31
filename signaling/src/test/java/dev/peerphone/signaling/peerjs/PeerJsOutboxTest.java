package dev.peerphone.signaling.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue for absent ids: order, expiry (one EXPIRE per sender), and its bounds. */
class PeerJsOutboxTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void deliversInOrderOrExpiresWithOneExpirePerSender() {
    PeerJsOutbox box = new PeerJsOutbox(5 * SECOND, 64, 100);
    assertTrue(box.add("bob", "\"Bob\"", "alice", "\"alice\"", "m1", 0));
    assertTrue(box.add("bob", "\"Bob\"", "alice", "\"alice\"", "m2", SECOND));
    assertTrue(box.add("bob", "\"Bob\"", "carol", "\"carol\"", "m3", 2 * SECOND));
    assertTrue(box.add("dave", "\"dave\"", "alice", "\"alice\"", "m4", 3 * SECOND));
    assertEquals(List.of(), box.expire(5 * SECOND - 1), "the first message has not waited 5 s yet");
    assertEquals(List.of(new PeerJsOutbox.Expired("alice", "{\"type\":\"EXPIRE\",\"src\":\"Bob\",\"dst\":\"alice\"}"),
        new PeerJsOutbox.Expired("carol", "{\"type\":\"EXPIRE\",\"src\":\"Bob\",\"dst\":\"carol\"}")),
        box.expire(5 * SECOND), "bob's queue expires as a whole, 5 s after its first message");
    assertEquals(List.of("m4"), box.take("dave"));
    assertEquals(List.of(), box.take("dave"));
    assertEquals(0, box.size());
  }

  @Test
  void refusesPastItsBounds() {
    PeerJsOutbox box = new PeerJsOutbox(5 * SECOND, 3, 2);
    for (int i = 0; i < 3; i++) {
      assertTrue(box.add("a", "\"a\"", "s", "\"s\"", "m" + i, 0));
    }
    assertFalse(box.add("a", "\"a\"", "s", "\"s\"", "m3", 0), "at most 3 per absent id");
    assertTrue(box.add("b", "\"b\"", "s", "\"s\"", "m", 0));
    assertFalse(box.add("c", "\"c\"", "s", "\"s\"", "m", 0), "at most 2 absent ids");
    assertEquals(List.of("m0", "m1", "m2"), box.take("a"));
    assertTrue(box.add("c", "\"c\"", "s", "\"s\"", "m", 0), "room again once taken");
  }

  @Test
  void aQueueTakenForDeliveryElsewhereAndPutBackStillExpiresWhenItWould() {
    PeerJsOutbox box = new PeerJsOutbox(5 * SECOND, 64, 100);
    assertTrue(box.add("bob", "\"bob\"", "alice", "\"alice\"", "m1", 0));
    assertTrue(box.add("bob", "\"bob\"", "alice", "\"alice\"", "m2", 0));
    assertTrue(box.add("carol", "\"carol\"", "alice", "\"alice\"", "m3", 2 * SECOND));
    assertEquals(List.of("bob"), box.waitingSince(SECOND, SECOND, 10), "waited a second: retried");
    assertEquals(List.of("bob", "carol"), box.waitingSince(3 * SECOND, SECOND, 10));
    assertEquals(List.of("bob"), box.waitingSince(3 * SECOND, SECOND, 1), "at most as many as asked");
    PeerJsOutbox.Taken taken = box.takeAll("bob");
    assertFalse(box.has("bob"));
    assertEquals(List.of("m1", "m2"), taken.entries().stream().map(PeerJsOutbox.Entry::frame).toList());
    taken.entries().forEach(e -> box.putBack("bob", taken.createdNanos(), e)); // its node was not there yet
    assertTrue(box.has("bob"));
    assertEquals(List.of(new PeerJsOutbox.Expired("alice", "{\"type\":\"EXPIRE\",\"src\":\"bob\",\"dst\":\"alice\"}")),
        box.expire(5 * SECOND), "5 s after its first message, not after it was put back");
    assertEquals(null, box.takeAll("bob"));
  }
}
