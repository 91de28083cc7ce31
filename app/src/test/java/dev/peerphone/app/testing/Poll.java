package dev.peerphone.app.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Polling for state that announces itself with no event (a sound server's stream list, say):
 * checks every 20 ms until the condition holds, fails after the timeout. Prefer waiting on an
 * event where one exists.
 */
public final class Poll {
  private Poll() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within " + timeout);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
