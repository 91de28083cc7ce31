package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on a Redis that Sentinel watches ({@code --redis redis-sentinel://…#mymaster}): a
 * throwaway master, one replica and one Sentinel on free loopback ports. After
 * {@code SENTINEL FAILOVER} (the replica becomes the master, the old master its replica, and
 * Sentinel disconnects the old master's clients) both nodes follow the new master: logins and
 * cross-node relays work again within a bounded time, the names held before are still held, and
 * nobody is told {@code leave}.
 */
class SentinelTest {
  /** How long after the failover logins and relays may be refused: a reconnect and a lookup. */
  private static final long BACK_WITHIN_MS = 10_000;
  private final List<Process> processes = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private Path dir;

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void bothNodesFollowTheMasterThroughAFailover() throws Exception {
    dir = Files.createTempDirectory("peerphone-sentinel");
    int masterPort = freePort();
    start(List.of("--port", Integer.toString(masterPort)), "Ready to accept connections");
    int replicaPort = freePort();
    start(List.of("--port", Integer.toString(replicaPort), "--replicaof", "127.0.0.1", Integer.toString(masterPort)),
        "MASTER <-> REPLICA sync: Finished with success");
    int sentinelPort = freePort();
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, "port " + sentinelPort + "\nbind 127.0.0.1\ndir " + dir + "\n"
        + "sentinel monitor mymaster 127.0.0.1 " + masterPort + " 1\n"
        + "sentinel down-after-milliseconds mymaster 1000\nsentinel failover-timeout mymaster 5000\n");
    start(List.of(conf.toString(), "--sentinel"), "+monitor master mymaster");
    awaitReply(sentinelPort, "1", "SENTINEL", "REPLICAS", "mymaster"); // it found the replica (an array of 1)

    String uri = "redis-sentinel://127.0.0.1:" + sentinelPort + "/0#mymaster";
    SignalingServer a = node(uri);
    SignalingServer b = node(uri);
    TestClient alice = track(TestClient.login(a.webSocketUri(), "alice"));
    TestClient bob = track(TestClient.login(b.webSocketUri(), "bob"));
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer"); // a call across the nodes

    assertEquals("OK", command(sentinelPort, "SENTINEL", "FAILOVER", "mymaster"));
    awaitReply(replicaPort, "role:master", "INFO", "replication"); // the replica is the master now
    awaitReply(masterPort, "role:slave", "INFO", "replication"); // and the old master its replica
    long failedOver = System.nanoTime();

    awaitRelay(alice, bob, failedOver);
    awaitRelay(bob, alice, failedOver);
    TestClient carol = track(TestClient.connect(b.webSocketUri()));
    awaitLogin(carol, "carol", failedOver);
    assertTrue(command(replicaPort, "INFO", "commandstats").contains("cmdstat_eval:"),
        "the nodes run their scripts on the new master");
    TestClient impostor = track(TestClient.connect(b.webSocketUri()));
    while (true) { // refused (settling) until alice's node claimed her name on the new master
      impostor.send("{\"type\":\"login\",\"name\":\"Alice\"}");
      JsonObject reply = impostor.nextAny();
      if (reply.get("type").getAsString().equals("login")) {
        assertTrue(!reply.get("success").getAsBoolean() && reply.get("reason").getAsString().equals("name-taken"),
            "alice's name is still hers on the new master: " + reply);
        break;
      }
      if (!reply.get("type").getAsString().equals("users")) {
        assertEquals("rate-limited", reply.get("code").getAsString(), reply.toString());
      }
      assertTrue(msSince(failedOver) < BACK_WITHIN_MS, "alice's name not claimed again: " + reply);
      impostor.poll(300); // retry at a pace below the connection's message limit
    }
    // Nobody was reaped: nobody is told leave.
    for (TestClient c : List.of(alice, bob)) {
      for (JsonObject m = c.poll(0); m != null; m = c.poll(0)) {
        assertTrue(!m.get("type").getAsString().equals("leave"), c.name + " got " + m);
      }
    }
    // Both nodes still know the call (a relay in the moment before a node re-subscribed on the new
    // master is "try again", never unknown-user, which made the sender's node forget the call):
    // when alice goes, bob is told.
    alice.close();
    JsonObject m = bob.nextAny(); // late copies of the chats awaitRelay repeated may come first
    while (!m.get("type").getAsString().equals("leave")) {
      assertTrue(m.get("type").getAsString().equals("users") || m.get("type").getAsString().equals("chat"), "bob got " + m);
      m = bob.nextAny();
    }
    assertEquals("alice", m.get("name").getAsString());
  }

  private SignalingServer node(String uri) throws Exception {
    SignalingServer node = SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, -1)
        .withAddressPolicy(0, 0).withRedis(uri));
    closing.add(node::close);
    return node;
  }

  private TestClient track(TestClient c) {
    closing.add(c::close);
    return c;
  }

  /** Sends chats until one arrives (refusals meanwhile are rate-limited errors), within the bound. */
  private static void awaitRelay(TestClient from, TestClient to, long since) {
    while (true) {
      from.send("{\"type\":\"chat\",\"name\":\"" + to.name + "\",\"text\":\"after\"}");
      for (JsonObject m = to.poll(300); m != null; m = to.poll(300)) {
        assertTrue(!m.get("type").getAsString().equals("leave"), to.name + " got " + m);
        if (m.get("type").getAsString().equals("chat")) {
          assertEquals("after", m.get("text").getAsString());
          return;
        }
      }
      for (JsonObject m = from.poll(0); m != null; m = from.poll(0)) {
        assertTrue(m.get("type").getAsString().equals("users") || m.get("type").getAsString().equals("error")
            && m.get("code").getAsString().equals("rate-limited"), from.name + " got " + m);
      }
      assertTrue(msSince(since) < BACK_WITHIN_MS, "no relay " + from.name + " -> " + to.name + " after the failover");
    }
  }

  private static void awaitLogin(TestClient c, String name, long since) {
    while (true) {
      c.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
      JsonObject reply = c.nextAny();
      if (reply.get("type").getAsString().equals("login")) {
        assertTrue(reply.get("success").getAsBoolean(), reply.toString());
        c.name = name;
        return;
      }
      if (!reply.get("type").getAsString().equals("users")) {
        assertEquals("rate-limited", reply.get("code").getAsString(), reply.toString());
      }
      assertTrue(msSince(since) < BACK_WITHIN_MS, "no login after the failover: " + reply);
      c.poll(300); // retry at a pace below the connection's message limit
    }
  }

  /** Starts {@code redis-server} with {@code args}; returns once its log shows {@code ready}. */
  private void start(List<String> args, String ready) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server"));
    command.addAll(args);
    if (!args.contains("--sentinel")) {
      // in a directory of its own: a replica's full sync writes RDB files even with --save ''
      command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
          "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    processes.add(p);
    CompletableFuture<Boolean> seen = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.contains(ready)) {
            seen.complete(true);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      seen.complete(false);
    }, "redis-log");
    reader.setDaemon(true);
    reader.start();
    assertTrue(seen.get(20, TimeUnit.SECONDS), "redis-server " + args + " did not log " + ready);
  }

  /** Polls until {@code command} answers {@code expected}, or a text with the line {@code expected}. */
  private static void awaitReply(int port, String expected, String... command) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    String last = null;
    while (System.currentTimeMillis() < deadline) {
      last = command(port, command);
      if (last != null && (last.equals(expected) || last.contains(expected + "\r\n"))) {
        return;
      }
      Thread.sleep(100); // polling Redis: there is no event to wait for
    }
    throw new AssertionError(String.join(" ", command) + " answered " + last + ", not " + expected);
  }

  /** One command to the Redis or Sentinel on {@code port}: its reply's first line or bulk string. */
  private static String command(int port, String... args) throws IOException {
    return RedisProcess.commandOn(port, args);
  }

  private static long msSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
