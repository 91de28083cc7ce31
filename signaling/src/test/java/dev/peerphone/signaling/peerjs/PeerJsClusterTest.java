package dev.peerphone.signaling.peerjs;

import static dev.peerphone.signaling.peerjs.FrameClient.awaitUsers;
import static dev.peerphone.signaling.peerjs.FrameClient.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.signaling.server.RedisProcess;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PeerJS clients on a cluster (docs/PEERJS.md, Cluster): one throwaway Redis and two nodes in
 * process, real WebSocket clients speaking PeerServer's frames and Peerphone's protocol. Ids are
 * one namespace across nodes and protocols (20 racing claims: one OPEN); frames cross nodes
 * stamped as on one node; a message for an id connected nowhere reaches it on the other node, or
 * its sender gets EXPIRE; a same-token reconnect on the other node takes the id over; presence
 * and {@code …/peers} are the cluster's; {@code /find} is the cluster's roulette; a disconnect
 * ends the call on the other node in each side's protocol.
 */
class PeerJsClusterTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long EXPIRE_MS = 2000;
  private static RedisProcess redis;
  private static SignalingServer a;
  private static SignalingServer b;
  private final List<FrameClient> clients = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    a = node();
    b = node();
  }

  private static SignalingServer node() throws Exception {
    return SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, 0)
        .withAddressPolicy(0, 0).withRedis(redis.uri()).withPeerJs(PeerJsConfig.defaults().withDiscovery(true)
            .withTimeouts(Duration.ofSeconds(90), Duration.ofMillis(EXPIRE_MS))));
  }

  @AfterAll
  static void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closeClients() {
    clients.forEach(FrameClient::close);
  }

  private FrameClient socket(SignalingServer node, String id, String token) {
    FrameClient c = FrameClient.peerJs("ws://127.0.0.1:" + node.httpPort() + "/peerjs/peerjs", "peerjs", id, token);
    clients.add(c);
    return c;
  }

  private FrameClient page(SignalingServer node, String id) {
    FrameClient c = socket(node, id, "tok-" + id);
    assertEquals("{\"type\":\"OPEN\"}", c.next().toString(), id + " registers");
    return c;
  }

  private FrameClient peerphone(SignalingServer node, String name, String features) {
    FrameClient c = FrameClient.open(node.webSocketUri(), name);
    clients.add(c);
    c.send("{\"type\":\"login\",\"name\":\"" + name + "\",\"features\":" + features + "}");
    JsonObject reply = c.next("login");
    assertTrue(reply.get("success").getAsBoolean(), name + " logs in: " + reply);
    return c;
  }

  @Test
  void idsAreOneNamespaceAcrossNodesAndProtocols() throws Exception {
    peerphone(a, "Quinn", "[]");
    FrameClient taken = socket(b, "QUINN", "t");
    assertEquals("{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}", taken.next().toString());
    taken.awaitClose();
    page(a, "Page-One");
    FrameClient twin = socket(b, "page-one", "another-token");
    assertEquals("ID-TAKEN", twin.next().get("type").getAsString());
    FrameClient login = FrameClient.open(b.webSocketUri(), "PAGE-ONE");
    clients.add(login);
    login.send("{\"type\":\"login\",\"name\":\"PAGE-ONE\"}");
    JsonObject reply = login.next("login");
    assertFalse(reply.get("success").getAsBoolean());
    assertEquals("name-taken", reply.get("reason").getAsString());

    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<FrameClient>> racing = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        SignalingServer node = i % 2 == 0 ? a : b;
        String token = "race-" + i;
        racing.add(pool.submit(() -> socket(node, "racer", token)));
      }
      int opened = 0;
      int refused = 0;
      for (Future<FrameClient> f : racing) {
        String type = f.get().next().get("type").getAsString();
        opened += type.equals("OPEN") ? 1 : 0;
        refused += type.equals("ID-TAKEN") ? 1 : 0;
      }
      assertEquals(1, opened, "exactly one of 20 racing claims over two nodes registers");
      assertEquals(19, refused);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void framesCrossNodesStampedAsOnOneNode() {
    FrameClient pat = peerphone(a, "Pat", "[\"ring\",\"peerjs\"]");
    FrameClient cleo = peerphone(b, "Cleo", "[]");
    FrameClient page1 = page(b, "page1");
    FrameClient page2 = page(a, "page2");
    page1.send("{\"type\":\"OFFER\",\"src\":\"mallory\",\"dst\":\"PAT\",\"payload\":{\"sdp\":\"v=0\","
        + "\"connectionId\":\"mc_1\"}}");
    assertEquals("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"OFFER\",\"payload\":{\"sdp\":\"v=0\","
        + "\"connectionId\":\"mc_1\"}}}", pat.next("peerjs").toString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"ANSWER\",\"payload\":{\"sdp\":\"a\"}}}");
    assertEquals("{\"type\":\"ANSWER\",\"src\":\"Pat\",\"dst\":\"page1\",\"payload\":{\"sdp\":\"a\"}}",
        page1.next().toString());
    awaitUsers(pat, users -> entry(users, "page1").equals("{\"name\":\"page1\",\"status\":\"busy\",\"peerjs\":true}")
        && entry(users, "Pat").contains("\"busy\""));

    page1.send("{\"type\":\"CANDIDATE\",\"src\":\"mallory\",\"dst\":\"page2\",\"payload\":{\"c\":1}}");
    assertEquals("{\"type\":\"CANDIDATE\",\"src\":\"page1\",\"dst\":\"page2\",\"payload\":{\"c\":1}}",
        page2.next().toString());
    page2.send("{\"type\":\"OFFER\",\"dst\":\"Cleo\",\"payload\":{\"sdp\":\"v=0\"}}");
    assertEquals("{\"type\":\"EXPIRE\",\"src\":\"Cleo\",\"dst\":\"page2\"}", page2.next().toString(),
        "a user without the peerjs feature on the other node: EXPIRE at once");
    pat.send("{\"type\":\"peerjs\",\"name\":\"Cleo\",\"message\":{\"type\":\"OFFER\",\"payload\":{}}}");
    assertEquals("Cleo is not a PeerJS peer", error(pat, "invalid-message"));
    pat.send("{\"type\":\"offer\",\"name\":\"page1\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    assertTrue(error(pat, "invalid-message").contains("is a PeerJS peer"));
    pat.send("{\"type\":\"peerjs\",\"name\":\"nobody\",\"message\":{\"type\":\"OFFER\",\"payload\":{}}}");
    assertEquals("nobody", pat.next("error").get("name").getAsString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"LEAVE\"}}");
    assertEquals("{\"type\":\"LEAVE\",\"src\":\"Pat\",\"dst\":\"page1\"}", page1.next().toString());
    awaitUsers(pat, users -> entry(users, "page1").contains("\"available\"")
        && entry(users, "Pat").contains("\"available\""));
    cleo.expectNothing(300);
    page1.assertNoMore();
    page2.assertNoMore();
    pat.assertNoMore();
  }

  @Test
  void aMessageForAnAbsentIdReachesItOnTheOtherNodeOrExpires() throws Exception {
    FrameClient sender = page(a, "sender3");
    sender.send("{\"type\":\"OFFER\",\"dst\":\"Late-3\",\"payload\":{\"n\":1}}");
    sender.send("{\"type\":\"OFFER\",\"dst\":\"never3\",\"payload\":{\"n\":2}}");
    sender.send("{\"type\":\"CANDIDATE\",\"dst\":\"late-3\",\"payload\":{\"n\":3}}");
    awaitQueued(a, 2);
    FrameClient late = page(b, "late-3"); // asserts OPEN first
    assertEquals("{\"type\":\"OFFER\",\"src\":\"sender3\",\"dst\":\"Late-3\",\"payload\":{\"n\":1}}",
        late.next().toString());
    assertEquals("{\"type\":\"CANDIDATE\",\"src\":\"sender3\",\"dst\":\"late-3\",\"payload\":{\"n\":3}}",
        late.next().toString());
    long start = System.nanoTime();
    assertEquals("{\"type\":\"EXPIRE\",\"src\":\"never3\",\"dst\":\"sender3\"}", sender.next().toString());
    assertTrue((System.nanoTime() - start) / 1_000_000 < EXPIRE_MS + 1000, "EXPIRE within the expire timeout");
    late.assertNoMore();
    sender.assertNoMore();
  }

  @Test
  void aSameTokenReconnectOnTheOtherNodeTakesTheIdOver() {
    FrameClient old = page(a, "mover4");
    FrameClient peer = page(a, "peer4");
    peer.send("{\"type\":\"OFFER\",\"dst\":\"mover4\",\"payload\":{\"n\":1}}");
    assertEquals("OFFER", old.next().get("type").getAsString());
    FrameClient moved = socket(b, "mover4", "tok-mover4"); // the same token
    moved.send("{\"type\":\"CANDIDATE\",\"dst\":\"peer4\",\"payload\":{\"n\":0}}"); // before OPEN: held
    assertEquals("{\"type\":\"OPEN\"}", moved.next().toString());
    assertEquals(4001, old.awaitCloseCode());
    assertEquals("{\"type\":\"CANDIDATE\",\"src\":\"mover4\",\"dst\":\"peer4\",\"payload\":{\"n\":0}}",
        peer.next().toString(), "a frame sent while the claim was pending goes once it is decided");
    peer.send("{\"type\":\"ANSWER\",\"dst\":\"mover4\",\"payload\":{\"n\":2}}");
    assertEquals("{\"type\":\"ANSWER\",\"src\":\"peer4\",\"dst\":\"mover4\",\"payload\":{\"n\":2}}",
        moved.next().toString());
    moved.send("{\"type\":\"CANDIDATE\",\"dst\":\"peer4\",\"payload\":{\"n\":3}}");
    assertEquals("{\"type\":\"CANDIDATE\",\"src\":\"mover4\",\"dst\":\"peer4\",\"payload\":{\"n\":3}}",
        peer.next().toString());
    moved.assertNoMore();
    peer.assertNoMore();
  }

  @Test
  void presenceAndPeersListPagesOfEveryNode() throws Exception {
    FrameClient viewer = peerphone(a, "Viewer", "[\"peerjs\"]");
    page(b, "listed5");
    awaitUsers(viewer, users -> entry(users, "listed5").equals(
        "{\"name\":\"listed5\",\"status\":\"available\",\"peerjs\":true}"));
    String peers = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.httpPort()
        + "/peerjs/peerjs/peers")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(peers.contains("\"listed5\"") && peers.contains("\"Viewer\""), peers);
    Matcher clients = Pattern.compile("(?m)^peerphone_peerjs_clients (\\d+)$").matcher(b.metricsText());
    assertTrue(clients.find() && Integer.parseInt(clients.group(1)) >= 1, "/metrics counts this node's pages");
  }

  @Test
  void findIsTheClusterRouletteInBothOrders() throws Exception {
    FrameClient rita = peerphone(a, "Rita", "[\"ring\",\"peerjs\"]");
    FrameClient page6 = page(b, "page6");
    assertEquals("404", find(a, "page6").split(" ")[0], "nobody waits: the page waits (asked through the other node)");
    awaitUsers(rita, users -> entry(users, "page6").contains("\"matching\""));
    rita.send("{\"type\":\"find\"}");
    assertEquals("{\"type\":\"match\",\"name\":\"page6\",\"initiator\":true,\"peerjs\":true}",
        rita.next("match").toString());

    FrameClient sam = peerphone(b, "Sam", "[\"ring\",\"peerjs\"]");
    sam.send("{\"type\":\"find\"}");
    awaitUsers(sam, users -> entry(users, "Sam").contains("\"matching\""));
    FrameClient page7 = page(a, "page7");
    assertEquals("200 Sam", find(a, "page7"), "the page gets the waiting user's name and calls");
    assertEquals("{\"type\":\"match\",\"name\":\"page7\",\"initiator\":false,\"peerjs\":true}",
        sam.next("match").toString());

    assertEquals("404", find(b, "page6").split(" ")[0], "a page asking again leaves its partner");
    assertEquals("{\"type\":\"leave\",\"name\":\"page6\"}", rita.next("leave").toString());
    assertEquals("200 page6", find(b, "page7"), "so does one asking through the other node; it meets the waiting page");
    assertEquals("{\"type\":\"leave\",\"name\":\"page7\"}", sam.next("leave").toString());
    assertEquals("409", find(a, "nobody8").split(" ")[0]);
    assertEquals("409", find(b, "Rita").split(" ")[0]);
    page6.assertNoMore();
    page7.assertNoMore();
    rita.assertNoMore();
    sam.assertNoMore();
  }

  @Test
  void aDisconnectEndsTheCallOnTheOtherNodeInItsOwnProtocol() {
    FrameClient una = peerphone(a, "Una", "[\"ring\",\"peerjs\"]");
    FrameClient page8 = page(b, "page8");
    FrameClient page9 = page(b, "page9");
    page8.send("{\"type\":\"OFFER\",\"dst\":\"Una\",\"payload\":{\"n\":8}}");
    una.next("peerjs");
    page9.send("{\"type\":\"OFFER\",\"dst\":\"Una\",\"payload\":{\"n\":9}}");
    una.next("peerjs");
    page8.close();
    assertEquals("{\"type\":\"leave\",\"name\":\"page8\"}", una.next("leave").toString());
    una.close();
    assertEquals("{\"type\":\"LEAVE\",\"src\":\"Una\",\"dst\":\"page9\"}", page9.next().toString());
    page9.assertNoMore();
  }

  @Test
  void aPageIsToldClearlyWhenTheDirectoryCannotDecideItsId() throws Exception {
    redis.freeze(); // past the 2 s command timeout: the claim fails
    FrameClient frozen;
    try {
      frozen = socket(a, "frozen9", "tok");
      JsonObject error = frozen.next();
      assertEquals("ERROR", error.get("type").getAsString(), error.toString());
      assertEquals("The cluster directory is unreachable, so ids cannot be checked now; try again in a few seconds",
          error.getAsJsonObject("payload").get("msg").getAsString());
    } finally {
      redis.thaw();
    }
    frozen.awaitClose();
    page(b, "frozen9"); // the late claim was undone
  }

  private static void awaitQueued(SignalingServer node, int ids) throws InterruptedException {
    Pattern queued = Pattern.compile("(?m)^peerphone_peerjs_queued_ids (\\d+)$");
    long end = System.currentTimeMillis() + FrameClient.TIMEOUT_MS;
    while (System.currentTimeMillis() < end) {
      Matcher m = queued.matcher(node.metricsText());
      if (m.find() && Integer.parseInt(m.group(1)) >= ids) {
        return;
      }
      Thread.sleep(20); // a gauge has no event to await
    }
    throw new AssertionError("messages never queued for " + ids + " absent ids");
  }

  private static String find(SignalingServer node, String id) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
        + "/find?id=" + id)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body().strip();
  }

  private static String error(FrameClient c, String code) {
    JsonObject e = c.next("error");
    assertEquals(code, e.get("code").getAsString(), e.toString());
    return e.get("message").getAsString();
  }


}
