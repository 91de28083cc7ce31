package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL (issue 11, slice 4 of docs/CLUSTER.md): nobody is sent
 * {@code leave} for it; its users resume on another node with their tokens at once and keep their
 * calls; the names of those who do not come back are reaped after the lease and their partners
 * then get {@code leave} (PeerJS pages and the users they called likewise, each told in its own
 * protocol). Node {@code dying} runs in its own process; node {@code b} in this one.
 */
class NodeDeathTest {
  private RedisProcess redis;
  private NodeProcess dying;
  private SignalingServer b;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    dying = NodeProcess.start(redis.uri());
    b = SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, -1)
        .withAddressPolicy(0, 0).withRedis(redis.uri()));
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    dying.close();
    b.close();
    redis.close();
  }

  @Test
  void aKilledNodesUserResumesOnAnotherNodeAtOnceAndKeepsItsCall() throws Exception {
    TestClient alice = track(TestClient.login(dying.uri, "Alice"));
    TestClient bob = track(TestClient.login(b.webSocketUri(), "bob"));
    inCall(alice, bob);
    dying.kill();
    long killed = System.nanoTime();
    TestClient resumed = track(TestClient.connect(b.webSocketUri()));
    resumed.send("{\"type\":\"login\",\"name\":\"Alice\",\"features\":[\"ring\"],\"token\":\"" + alice.token + "\"}");
    JsonObject login = resumed.next("login");
    long resumedMs = (System.nanoTime() - killed) / 1_000_000;
    assertTrue(login.get("success").getAsBoolean(), login.toString());
    assertTrue(resumedMs < 2_000, "name back " + resumedMs + " ms after the kill");
    resumed.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"still here\"}");
    JsonObject chat = bob.nextSkippingUsers("chat");
    assertEquals("Alice", chat.get("name").getAsString());
    bob.send("{\"type\":\"candidate\",\"name\":\"alice\",\"candidate\":null}");
    assertEquals("bob", resumed.nextSkippingUsers("candidate").get("name").getAsString());
    // Past the dead node's lease, reapers ran: the resumed login is not theirs to free.
    bob.expectNothingBut_users(7_000);
    resumed.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"after the reaper\"}");
    assertEquals("after the reaper", bob.nextSkippingUsers("chat").get("text").getAsString());
    // Both are on one node now: a new offer goes the local way; a disconnect sends one leave.
    resumed.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    resumed.close();
    assertEquals("Alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    bob.expectNothingBut_users(500);
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"));
  }

  @Test
  void aWrongTokenGetsNameTakenWhileTheDeadNodesLeaseIsLive() throws Exception {
    track(TestClient.login(dying.uri, "alice"));
    dying.kill();
    TestClient impostor = track(TestClient.connect(b.webSocketUri()));
    impostor.send("{\"type\":\"login\",\"name\":\"alice\",\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAA\"}");
    assertEquals("name-taken", impostor.next("login").get("reason").getAsString());
    impostor.send("{\"type\":\"login\",\"name\":\"alice\"}");
    assertEquals("name-taken", impostor.next("login").get("reason").getAsString());
  }

  @Test
  void aUserWhoDoesNotComeBackIsReapedAndOnlyItsPartnersGetLeave() throws Exception {
    TestClient alice = track(TestClient.login(dying.uri, "Alice"));
    TestClient ringer = track(TestClient.login(dying.uri, "ringer"));
    TestClient bob = track(TestClient.login(b.webSocketUri(), "bob"));
    TestClient carol = track(TestClient.login(b.webSocketUri(), "carol"));
    TestClient dave = track(TestClient.login(b.webSocketUri(), "dave"));
    inCall(alice, bob);
    ringer.send("{\"type\":\"call\",\"name\":\"carol\"}");
    carol.nextSkippingUsers("call");
    alice.send("{\"type\":\"chat\",\"name\":\"dave\",\"text\":\"no call\"}");
    dave.nextSkippingUsers("chat");
    dying.kill();
    long killed = System.nanoTime();
    assertEquals("Alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    long leaveMs = (System.nanoTime() - killed) / 1_000_000;
    assertEquals("ringer", carol.nextSkippingUsers("leave").get("name").getAsString());
    assertTrue(leaveMs < 8_000, "leave " + leaveMs + " ms after the kill");
    assertTrue(leaveMs > 2_000, "leave only once the lease lapsed, not at once: " + leaveMs + " ms");
    dave.expectNothingBut_users(500);
    track(TestClient.login(b.webSocketUri(), "alice")); // the name is free again
  }

  @Test
  void aKilledNodesRouletteUsersVanishFromQueueAndPairAndTheirPartnerIsTold() throws Exception {
    TestClient waiter = track(TestClient.login(dying.uri, "waiter"));
    TestClient paired = track(TestClient.login(dying.uri, "paired"));
    TestClient bob = track(TestClient.login(b.webSocketUri(), "bob"));
    RouletteTest.pair(paired, bob);
    waiter.send("{\"type\":\"find\"}");
    RouletteTest.awaitMatching(waiter);
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (!"1".equals(redis.command("ZCARD", "{pp}:rq"))) { // the find reached Redis
      assertTrue(System.currentTimeMillis() < deadline, "the waiter never reached the global queue");
    }
    dying.kill();
    assertEquals("paired", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"));
    assertEquals("0", redis.command("ZCARD", "{pp}:rq"), "the waiter left the queue");
    TestClient carol = track(TestClient.login(b.webSocketUri(), "carol"));
    bob.send("{\"type\":\"find\"}");
    RouletteTest.awaitMatching(bob);
    carol.send("{\"type\":\"find\"}");
    assertEquals("carol", bob.nextSkippingUsers("match").get("name").getAsString());
  }

  @Test
  void aCallBothOfWhoseUsersEndUpOnOneNodeByAResumeEndsWithALeaveAndBothAreAvailableAgain() throws Exception {
    TestClient alice = track(TestClient.login(dying.uri, "alice"));
    TestClient bob = track(TestClient.login(b.webSocketUri(), "bob"));
    inCall(alice, bob);
    dying.kill();
    TestClient resumed = track(TestClient.connect(b.webSocketUri()));
    resumed.send("{\"type\":\"login\",\"name\":\"alice\",\"features\":[\"ring\"],\"token\":\"" + alice.token
        + "\"}");
    assertTrue(resumed.next("login").get("success").getAsBoolean());
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (!"busy".equals(ClassicProtocolTest.statusOf(bob, "alice"))) { // bob's node re-announced the call
      assertTrue(System.currentTimeMillis() < deadline, "alice never shown busy again after her resume");
    }
    resumed.send("{\"type\":\"leave\",\"name\":\"bob\"}");
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"), "the leave ended bob's side");
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "alice"), "the leave ended alice's side");
  }

  @Test
  void aLeaveRightAfterAResumeOntoThePeersNodeIsNotUndoneByTheCallsLateReAnnouncement() throws Exception {
    TestClient alice = track(TestClient.login(dying.uri, "alice"));
    TestClient bob = track(TestClient.login(b.webSocketUri(), "bob"));
    inCall(alice, bob);
    dying.kill();
    TestClient resumed = track(TestClient.connect(b.webSocketUri()));
    // The leave is pipelined behind the login: the node handles it as soon as the name is claimed,
    // before bob's side of the call has been re-announced to alice's new session.
    resumed.send("{\"type\":\"login\",\"name\":\"alice\",\"features\":[\"ring\"],\"token\":\"" + alice.token
        + "\"}");
    resumed.send("{\"type\":\"leave\",\"name\":\"bob\"}");
    assertTrue(resumed.next("login").get("success").getAsBoolean());
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    bob.expectNothingBut_users(1_500); // the re-announcement takes two Redis round trips: long landed
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "alice"), "the ended call came back");
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"), "the ended call came back");
  }

  @Test
  void aKilledNodesPagesAndUsersAreReapedAndTheirPartnersAreToldInTheirOwnProtocol() throws Exception {
    TestClient deadPage = track(page(dying.uri, "deadpage"));
    TestClient dora = track(loginTakingPeerJs(dying.uri, "Dora"));
    TestClient eve = track(loginTakingPeerJs(b.webSocketUri(), "Eve"));
    TestClient livePage = track(page(b.webSocketUri(), "livepage"));
    deadPage.send("{\"type\":\"OFFER\",\"dst\":\"Eve\",\"payload\":{\"n\":1}}");
    assertEquals("deadpage", eve.nextSkippingUsers("peerjs").get("name").getAsString());
    livePage.send("{\"type\":\"OFFER\",\"dst\":\"Dora\",\"payload\":{\"n\":2}}");
    assertEquals("livepage", dora.nextSkippingUsers("peerjs").get("name").getAsString());
    dying.kill();
    long killed = System.nanoTime();
    assertEquals("deadpage", eve.nextSkippingUsers("leave").get("name").getAsString());
    long leaveMs = (System.nanoTime() - killed) / 1_000_000;
    assertTrue(leaveMs > 2_000, "leave only once the lease lapsed, not at once: " + leaveMs + " ms");
    assertEquals("{\"type\":\"LEAVE\",\"src\":\"Dora\",\"dst\":\"livepage\"}", livePage.nextAny().toString());
    assertEquals("available", ClassicProtocolTest.statusOf(eve, "Eve"));
    track(page(b.webSocketUri(), "DeadPage")); // the id is free again
  }

  /** A PeerJS client's socket on {@code node}'s port, registered (OPEN read). */
  private static TestClient page(java.net.URI node, String id) {
    TestClient page = TestClient.connect(java.net.URI.create("ws://127.0.0.1:" + node.getPort()
        + "/peerjs/peerjs?key=peerjs&id=" + id + "&token=tok-" + id));
    assertEquals("{\"type\":\"OPEN\"}", page.nextAny().toString(), id + " registers");
    return page;
  }

  private static TestClient loginTakingPeerJs(java.net.URI node, String name) {
    TestClient c = TestClient.connect(node);
    c.send("{\"type\":\"login\",\"name\":\"" + name + "\",\"features\":[\"ring\",\"peerjs\"]}");
    assertTrue(c.next("login").get("success").getAsBoolean(), name + " logs in");
    return c;
  }

  private static void inCall(TestClient a, TestClient b) {
    a.send("{\"type\":\"offer\",\"name\":\"" + b.name + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    b.nextSkippingUsers("offer");
    b.send("{\"type\":\"answer\",\"name\":\"" + a.name + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"y\"}}");
    a.nextSkippingUsers("answer");
  }

  private TestClient track(TestClient c) {
    clients.add(c);
    return c;
  }
}
