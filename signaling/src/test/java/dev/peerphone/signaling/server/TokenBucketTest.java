package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default rate limit with a fake clock: bursts pass, floods do not. */
class TokenBucketTest {
  private static final ServerConfig.RateLimit DEFAULT = ServerConfig.defaults().rateLimit();
  private static final long MS = 1_000_000L;

  @Test
  void fiftyCandidatesWithin100MsAllPass() {
    TokenBucket bucket = new TokenBucket(DEFAULT.burst(), DEFAULT.perSecond(), 0);
    for (int i = 0; i < 50; i++) {
      assertTrue(bucket.tryTake(i * 2 * MS), "message " + i);
    }
  }

  @Test
  void aBrowserThatBurstsEverySecondNeverHitsTheLimit() {
    TokenBucket bucket = new TokenBucket(DEFAULT.burst(), DEFAULT.perSecond(), 0);
    for (int second = 0; second < 30; second++) {
      for (int i = 0; i < 80; i++) {
        assertTrue(bucket.tryTake(second * 1000 * MS + i * MS));
      }
    }
  }

  @Test
  void aFloodOfThreeThousandPerSecondIsCutToTheBucketRate() {
    TokenBucket bucket = new TokenBucket(DEFAULT.burst(), DEFAULT.perSecond(), 0);
    int passed = 0;
    for (int i = 0; i < 3000; i++) {
      if (bucket.tryTake(i * 1000 * MS / 3000)) {
        passed++;
      }
    }
    assertTrue(passed <= DEFAULT.burst() + DEFAULT.perSecond(), "passed " + passed);
    assertTrue(passed >= DEFAULT.burst(), "passed " + passed);
  }

  @Test
  void strikesCloseOnlyAboveTheLimitWithinTheWindow() {
    StrikeCounter strikes = new StrikeCounter(20, 10_000 * MS);
    for (int i = 0; i < 20; i++) {
      assertEquals(false, strikes.strike(i * MS));
    }
    assertEquals(true, strikes.strike(21 * MS));
    StrikeCounter slow = new StrikeCounter(20, 10_000 * MS);
    for (int i = 0; i < 100; i++) {
      assertEquals(false, slow.strike(i * 600 * MS), "one bad message every 0.6 s is tolerated");
    }
  }
}
