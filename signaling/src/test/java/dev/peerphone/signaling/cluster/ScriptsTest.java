package dev.peerphone.signaling.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.server.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lua scripts straight on a throwaway Redis: a reaper frees only names a dead node still
 * owns, never a live login; a resume token takes a name over from a live or dead holder, and
 * nothing else takes it from a live one.
 */
class ScriptsTest {
  private static final String[] REAP_KEYS = Keys.reapKeys("X");
  private RedisProcess redis;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> r;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    client = RedisClient.create(redis.uri());
    connection = client.connect();
    r = connection.sync();
  }

  @AfterEach
  void stop() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  @Test
  void aReaperNeverFreesTheNamesOfANodeWhoseLeaseIsLive() {
    lease("X", 5000);
    own("X", "alice", "X 1 h alice");
    assertEquals(-1L, reapIfDead("X"));
    assertEquals("X 1 h alice", r.hget(Keys.NAMES, "alice"));
  }

  @Test
  void aReaperFreesOnlyNamesTheDeadNodeStillOwnsAndForgetsIt() {
    lease("X", -1000);
    lease("Y", 5000);
    own("X", "alice", "X 1 h alice");
    own("X", "bob", "X 2 h bob");
    r.hset(Keys.NAMES, "alice", "Y 7 h alice"); // taken over by a live login on Y
    assertEquals(1L, reapIfDead("X"));
    assertEquals("Y 7 h alice", r.hget(Keys.NAMES, "alice"));
    assertNull(r.hget(Keys.NAMES, "bob"));
    assertNull(r.zscore(Keys.NODES, "X"));
    assertEquals(0L, reapIfDead("X"), "a second reaper finds nothing");
  }

  @Test
  void deadListsOnlyLapsedLeasesAndNoneWhileSettling() {
    lease("X", -1000);
    lease("Y", 5000);
    List<Object> dead = r.eval(Scripts.DEAD, ScriptOutputType.MULTI, new String[] {Keys.NODES, Keys.SETTLING}, "16");
    assertEquals(List.of("X"), dead);
    assertEquals(List.of(0L), renew("W", "register").subList(0, 1)); // a first node: the epoch
    lease("Z", -1000);
    assertEquals(List.of(0L), renew("Z", "renew").subList(0, 1), "Z's lease had lapsed: settling");
    assertEquals("ok 1", claim("Z", "bob", "Z 1 h bob", ""), "a lapsed lease holds up no login of a free name");
    own("X", "carol", "X 1 h carol");
    assertEquals("settling", claim("Z", "carol", "Z 2 h carol", ""), "nor takes a name over from a lapsed node");
    assertEquals(List.of(), r.eval(Scripts.DEAD, ScriptOutputType.MULTI, new String[] {Keys.NODES, Keys.SETTLING},
        "16"), "nobody is reaped while the nodes may be renewing again");
  }

  @Test
  void theResumeTokenTakesANameFromALiveNodeAndNothingElseDoes() {
    lease("X", 5000);
    lease("Y", 5000);
    String token = Keys.hash("secret");
    own("X", "alice", "X 1 " + token + " Alice");
    assertEquals("taken", claim("Y", "alice", "Y 1 h2 Alice", ""));
    assertEquals("taken", claim("Y", "alice", "Y 2 h2 Alice", Keys.hash("wrong")));
    assertEquals("resumed 1", claim("Y", "alice", "Y 3 h2 Alice", token), "a resumed name keeps its login number");
    assertEquals("Y 3 h2 Alice", r.hget(Keys.NAMES, "alice"));
  }

  @Test
  void aDeadNodesNameIsFreeWithoutTheTokenAndANodeWithoutALeaseClaimsNothing() {
    lease("X", -1000);
    lease("Y", 5000);
    own("X", "alice", "X 1 h Alice");
    assertEquals("ok 1", claim("Y", "alice", "Y 1 h2 alice", ""));
    assertEquals("no-lease", claim("X", "bob", "X 2 h bob", ""));
    assertNull(r.hget(Keys.NAMES, "bob"));
  }

  @Test
  void aDeadNodesNameTakenOverWithoutTheTokenLeavesItsRouletteQueuePlaceAndPartnerBehind() {
    lease("X", -1000);
    lease("Y", 5000);
    own("X", "ghost", "X 1 h ghost");
    own("X", "paired", "X 2 h paired");
    r.zadd(Keys.QUEUE, 1, "ghost");
    r.zadd(Keys.QUEUE, 2, "waiter");
    r.hset(Keys.PAIRS, "paired", "partner");
    r.hset(Keys.PAIRS, "partner", "paired");
    assertEquals("ok 1", claim("Y", "ghost", "Y 1 h2 ghost", ""));
    assertEquals("ok 2", claim("Y", "paired", "Y 2 h2 paired", ""));
    assertEquals(List.of("waiter"), r.zrange(Keys.QUEUE, 0, -1), "the new ghost is not waiting in roulette");
    assertEquals(java.util.Map.of(), r.hgetall(Keys.PAIRS), "nobody is paired with the new login");
  }

  @Test
  void aResumedLoginKeepsItsRouletteQueuePlaceAndPartner() {
    lease("X", -1000);
    lease("Y", 5000);
    String token = Keys.hash("secret");
    own("X", "waiter", "X 1 " + token + " waiter");
    r.zadd(Keys.QUEUE, 1, "waiter");
    r.hset(Keys.PAIRS, "waiter", "partner");
    assertEquals("resumed 1", claim("Y", "waiter", "Y 1 h2 waiter", token));
    assertEquals(List.of("waiter"), r.zrange(Keys.QUEUE, 0, -1));
    assertEquals("partner", r.hget(Keys.PAIRS, "waiter"));
  }

  @Test
  void reregisteringWritesBackEachNamesLoginNumberWhicheverNodeComesFirst() {
    lease("X", 5000);
    lease("Y", 5000);
    assertEquals("ok 1", claim("X", "alice", "X 1 h alice", ""));
    assertEquals("ok 2", claim("Y", "bob", "Y 1 h bob", ""));
    assertEquals("ok 3", claim("X", "carol", "X 2 h carol", ""));
    r.flushall(); // Redis restarted empty
    lease("X", 5000);
    lease("Y", 5000);
    assertEquals(List.of(), reregister("Y", "bob", "Y 1 h bob", "2"));
    assertEquals(List.of(), reregister("X", "alice", "X 1 h alice", "1", "carol", "X 2 h carol", "3"));
    assertEquals(List.of("alice", "bob", "carol"), r.zrange(Keys.ORDER, 0, -1));
    assertEquals("ok 4", claim("Y", "dave", "Y 2 h dave", ""), "a new login comes after everyone re-registered");
  }

  @Test
  void reregisteringLosesANameALiveNodeTookMeanwhile() {
    lease("X", 5000);
    lease("Y", 5000);
    own("Y", "alice", "Y 1 h alice");
    assertEquals(List.of("alice"), reregister("X", "alice", "X 1 h alice", "1", "bob", "X 2 h bob", "0"));
    assertEquals("Y 1 h alice", r.hget(Keys.NAMES, "alice"));
    assertEquals("X 2 h bob", r.hget(Keys.NAMES, "bob"));
  }

  @Test
  void afterARedisRestartFreeNamesAreNotGivenOutUntilTheNodesHadALeaseLengthToClaimTheirsAgain() {
    assertEquals(List.of(0L), renew("X", "register").subList(0, 1));
    assertEquals("ok 1", claim("X", "alice", "X 1 h alice", ""), "a cluster's first start gives names out at once");
    r.flushall(); // Redis restarted empty
    assertEquals(List.of(0L), renew("Y", "renew").subList(0, 1));
    assertEquals("settling", claim("Y", "alice", "Y 1 h alice", ""), "alice's node has not claimed it again yet");
    assertEquals(List.of(0L), renew("X", "renew").subList(0, 1));
    assertEquals(List.of(), reregister("X", "alice", "X 1 h alice", "1"));
    assertEquals("taken", claim("Y", "alice", "Y 2 h alice", ""));
    long ttl = r.pttl(Keys.SETTLING);
    assertTrue(ttl > 0 && ttl <= Lease.LENGTH.toMillis(), "settling for at most a lease: " + ttl);
    r.del(Keys.SETTLING); // the lease length passed
    assertEquals("ok 2", claim("Y", "bob", "Y 3 h bob", ""));
  }

  @Test
  void aPeerJsTokenResumesOnlyAPeerJsClientsClaimAndNoResumeTokenResumesOne() {
    lease("X", 5000);
    lease("Y", 5000);
    String page = Keys.PEERJS_HASH + Keys.hash("tok");
    own("X", "page", "X 1 " + page + " page");
    own("X", "alice", "X 2 " + Keys.hash("tok") + " alice");
    assertEquals("taken", claim("Y", "page", "Y 1 h page", Keys.hash("tok")), "a Peerphone resume token");
    assertEquals("taken", claim("Y", "alice", "Y 2 " + page + " alice", page), "a PeerJS token");
    assertEquals("resumed 1", claim("Y", "page", "Y 3 " + page + " page", page), "the page's same-token reconnect");
  }

  @Test
  void theRouletteNeverPairsAPageWithAUserWhoCannotTalkToItAndThePagesPartnerIsToldSo() throws Exception {
    lease("X", 5000);
    own("X", "page", "X 1 " + Keys.PEERJS_HASH + "h page");
    own("X", "connie", "X 2 h Connie");
    own("X", "abe", "X 3 h Abe");
    java.util.concurrent.BlockingQueue<String> abe = new java.util.concurrent.LinkedBlockingQueue<>();
    var sub = client.connectPubSub();
    try {
      sub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          abe.add(message);
        }
      });
      sub.sync().subscribe(Keys.USER_CHANNEL + "abe");
      assertEquals("absent", roulette("find", "nobody", "j"), "a page's /find for an id held nowhere");
      assertEquals("not-peerjs", roulette("find", "connie", "j"), "nor for a Peerphone user's name");
      assertEquals("queued 1", roulette("find", "page", "j"));
      assertEquals("queued 2", roulette("find", "connie", "c"), "Connie cannot talk to the page: both wait");
      assertEquals("queued 0 page", roulette("find", "abe", "p"), "Abe can, and is told whom he got");
      assertEquals(List.of("connie"), r.zrange(Keys.QUEUE, 0, -1));
      assertEquals("match\npage\n{\"type\":\"match\",\"name\":\"page\",\"initiator\":true,\"peerjs\":true}",
          abe.poll(5, java.util.concurrent.TimeUnit.SECONDS), "a page that waited is called: Abe, the later arrival, initiates");
    } finally {
      sub.close();
    }
  }

  private String roulette(String op, String key, String kind) {
    return r.eval(RouletteScript.ROULETTE, ScriptOutputType.VALUE, Keys.rouletteKeys(), op, key, Keys.USER_CHANNEL, kind);
  }

  private List<Object> renew(String node, String mode) {
    return r.eval(Scripts.RENEW, ScriptOutputType.MULTI, Keys.renewKeys(), node,
        Long.toString(Lease.LENGTH.toMillis()), mode);
  }

  private List<Object> reregister(String node, String... keyOwnerPlace) {
    String[] args = new String[1 + keyOwnerPlace.length];
    args[0] = node;
    System.arraycopy(keyOwnerPlace, 0, args, 1, keyOwnerPlace.length);
    return r.eval(Scripts.REREGISTER, ScriptOutputType.MULTI, new String[] {Keys.NAMES, Keys.NODES,
        Keys.owned(node), Keys.ORDER, Keys.SEQ}, args);
  }

  private void lease(String node, long fromNowMs) {
    long now = Long.parseLong(r.time().get(0)) * 1000;
    r.zadd(Keys.NODES, now + fromNowMs, node);
  }

  private void own(String node, String key, String owner) {
    r.hset(Keys.NAMES, key, owner);
    r.sadd(Keys.owned(node), key);
  }

  private Long reapIfDead(String node) {
    return r.eval(Scripts.REAP, ScriptOutputType.INTEGER, REAP_KEYS, node, "if-dead");
  }

  private String claim(String node, String key, String owner, String presentedHash) {
    return r.eval(Scripts.CLAIM, ScriptOutputType.VALUE, Keys.claimKeys(node), key, owner, node, presentedHash);
  }
}
