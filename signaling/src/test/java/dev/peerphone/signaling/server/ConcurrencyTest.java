package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** State stays consistent when many clients act at once. */
class ConcurrencyTest {

  @Test
  void fiftySimultaneousLoginsOfOneNameYieldExactlyOneSuccess() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(0))) {
      List<TestClient> clients = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        clients.add(f.connect());
      }
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(50);
      try {
        List<Future<?>> sends = new ArrayList<>();
        for (TestClient c : clients) {
          sends.add(pool.submit(() -> {
            go.await();
            c.send("{\"type\":\"login\",\"name\":\"Highlander\"}");
            return null;
          }));
        }
        go.countDown();
        for (Future<?> s : sends) {
          s.get(10, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      int successes = 0;
      for (TestClient c : clients) {
        JsonObject reply = c.next("login");
        if (reply.get("success").getAsBoolean()) {
          successes++;
        } else {
          assertEquals("name-taken", reply.get("reason").getAsString());
        }
      }
      assertEquals(1, successes);
    }
  }

  @Test
  void concurrentFindNextStopAndDisconnectLeaveNoDoubleMatchesAndNoGhosts() throws Exception {
    int n = 16;
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(0))) {
      List<TestClient> clients = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        clients.add(f.login("r" + i));
      }
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(n);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        TestClient c = clients.get(i);
        Random random = new Random(i);
        boolean quitter = i % 4 == 0; // a quarter disconnect in the middle of it
        runs.add(pool.submit(() -> {
          go.await();
          String[] ops = {"find", "next", "stop", "find", "find"};
          for (int k = 0; k < 40; k++) {
            c.send("{\"type\":\"" + ops[random.nextInt(ops.length)] + "\"}");
            if (quitter && k == 20) {
              c.closeBlocking();
              return null;
            }
          }
          c.send("{\"type\":\"stop\"}");
          return null;
        }));
      }
      go.countDown();
      for (Future<?> run : runs) {
        run.get(20, TimeUnit.SECONDS);
      }
      pool.shutdown();

      TestClient observer = f.login("observer");
      Map<String, String> expected = new HashMap<>();
      for (int i = 0; i < n; i++) {
        if (i % 4 != 0) {
          expected.put("r" + i, "available");
        }
      }
      expected.put("observer", "available");
      // every stayer ended with stop: nobody may still be queued or paired
      assertEquals(expected, RingingPresenceTest.awaitStatuses(observer, expected));
      assertTrue(f.server.metricsText().contains("peerphone_roulette_queue_length 0"));

      // pairing is symmetric: every "X matched with Y" has its "Y matched with X" (among those
      // who stayed: a quitter may close before reading its last match)
      Map<String, Integer> matches = new HashMap<>();
      for (int i = 0; i < n; i++) {
        for (JsonObject m : clients.get(i).received) {
          if (m.get("type").getAsString().equals("match")) {
            String partner = m.get("name").getAsString();
            assertTrue(!partner.equals("r" + i), "never matched with itself");
            matches.merge("r" + i + ">" + partner, 1, Integer::sum);
          }
        }
      }
      for (var e : matches.entrySet()) {
        String[] pair = e.getKey().split(">");
        if (Integer.parseInt(pair[0].substring(1)) % 4 == 0 || Integer.parseInt(pair[1].substring(1)) % 4 == 0) {
          continue;
        }
        assertEquals(e.getValue(), matches.getOrDefault(pair[1] + ">" + pair[0], 0),
            "matches of " + e.getKey() + " and back");
      }
      assertTrue(!matches.isEmpty(), "some matches happened");
    }
  }
}
