package dev.peerphone.signaling.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.server.Directory;
import dev.peerphone.signaling.server.RedisProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every answer from Redis reaches the hub's core executor through the directory's own callback
 * thread, never from a Netty event loop: the core runs on whichever thread hands it work while it
 * is idle, and a publish issued from an event loop is written at once, ahead of publishes still
 * queued for that loop — one user's relays then overtake each other (ClusterRelayOrderTest caught
 * it once in a CI run after the presence and roulette callbacks had been handed the raw core).
 * Here the core is an executor that records which thread enters it, and presence, roulette and
 * claims are answered by a real throwaway redis-server.
 */
class CoreThreadTest {
  @Test
  void presenceRouletteAndClaimAnswersEnterTheCoreFromTheCallbackThreadOnly() throws Exception {
    Set<String> entered = ConcurrentHashMap.newKeySet();
    Executor core = task -> {
      entered.add(Thread.currentThread().getName());
      task.run();
    };
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (RedisProcess redis = RedisProcess.start()) {
      RedisDirectory directory = RedisDirectory.connect(redis.uri(), core, timer);
      try {
        directory.start(new Directory.Inbox() {
          @Override
          public void deliver(String targetKey, String envelope) {}
        });
        CompletableFuture<Directory.Claim> claimed = new CompletableFuture<>();
        directory.claim("alice", "alice", "token-a", null, claimed::complete);
        assertEquals(Directory.Claim.CLAIMED, claimed.get(5, TimeUnit.SECONDS));
        CompletableFuture<List<Directory.Listed>> page = new CompletableFuture<>();
        directory.presence(Map.of("alice", "{\"name\":\"alice\",\"status\":\"available\"}"), 10, page::complete);
        assertNotNull(page.get(5, TimeUnit.SECONDS), "presence answered");
        CompletableFuture<String> queued = new CompletableFuture<>();
        directory.roulette("find", "alice", "p", queued::complete);
        assertNotNull(queued.get(5, TimeUnit.SECONDS), "roulette answered");
      } finally {
        directory.close();
      }
    } finally {
      timer.shutdownNow();
    }
    assertFalse(entered.isEmpty());
    assertTrue(entered.stream().allMatch(t -> t.equals("peerphone-redis-callbacks")),
        "the core was entered from " + entered);
  }
}
