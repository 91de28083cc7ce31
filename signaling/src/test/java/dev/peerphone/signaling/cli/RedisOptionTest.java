package dev.peerphone.signaling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --redis}: a node of a cluster, or (without it) a single server with no Redis. */
class RedisOptionTest {
  @Test
  void withoutRedisTheServerIsASingleNode() throws Exception {
    assertNull(ServerOptions.parse().redisUri());
  }

  @Test
  void redisTakesHostPortAndDatabase() throws Exception {
    assertEquals("redis://127.0.0.1:6380/2", ServerOptions.parse("--redis", "redis://127.0.0.1:6380/2").redisUri());
    assertEquals("redis://redis.internal:6379", ServerOptions.parse("--redis", "redis://redis.internal:6379").redisUri());
  }

  @Test
  void redisTakesSentinelsAndTheMastersName() throws Exception {
    for (String good : new String[] {"redis-sentinel://127.0.0.1:26379/0#mymaster",
        "redis-sentinel://s1:26379,s2,s3:26380#peerphone-master"}) {
      assertEquals(good, ServerOptions.parse("--redis", good).redisUri());
    }
    for (String bad : new String[] {"redis-sentinel://127.0.0.1:26379", "redis-sentinel://#m",
        "redis-sentinel://h:1/db#m", "redis-sentinel://h:1#m?x", "redis-sentinel://h:1,#m"}) {
      String message = assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--redis", bad),
          bad).getMessage();
      assertTrue(message.contains("redis-sentinel://HOST:PORT"), message);
    }
  }

  @Test
  void anythingButARedisUriIsAUsageError() {
    for (String bad : new String[] {"127.0.0.1:6379", "http://127.0.0.1:6379", "redis://:6379", "redis://h:1/db",
        "redis://h:1/0?x=1", "redis://bad host:1"}) {
      String message = assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--redis", bad),
          bad).getMessage();
      assertTrue(message.contains("redis://HOST:PORT[/DB]"), message);
    }
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--redis"))
        .getMessage().contains("needs a value"));
  }
}
