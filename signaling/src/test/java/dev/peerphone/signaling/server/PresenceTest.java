package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long presence pushes wait: the base interval, more per 1,000 listeners, and the byte budget. */
class PresenceTest {
  /** A clock the test moves and a list of the delays the pushes were scheduled with. */
  private static final class Clock implements Presence.Scheduler {
    long now = 1_000_000_000_000L;
    final List<Long> delays = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void schedule(Runnable task, long delayNanos) {
      delays.add(delayNanos);
      tasks.add(task);
    }

    @Override
    public long nanoTime() {
      return now;
    }

    void runLast() {
      tasks.get(tasks.size() - 1).run();
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  @Test
  void aClassroomIsPushedEvery250Ms() {
    Clock clock = new Clock();
    Presence p = new Presence(clock, Duration.ofMillis(250), () -> 30, () -> 30 * 1_400L);
    p.changed();
    assertEquals(0, ms(clock.delays.get(0)), "the first change is pushed at once");
    clock.runLast();
    p.changed();
    assertEquals(250, ms(clock.delays.get(1)));
  }

  @Test
  void twoThousandUsersWaitForTheByteBudgetNotJustTheListenerCount() {
    Clock clock = new Clock();
    long pushBytes = 2_000 * 9_000L; // the full list to everyone
    Presence p = new Presence(clock, Duration.ofMillis(250), () -> 2_000, () -> pushBytes);
    p.changed();
    clock.runLast();
    p.changed();
    long expected = pushBytes * 1000 / Presence.BYTES_PER_SECOND; // ~4.3 s, not the 750 ms of 3 base intervals
    assertEquals(expected, ms(clock.delays.get(1)));
    clock.now += 1_000_000_000L; // a second later the wait is a second shorter
    clock.runLast();
    clock.now += 1_000_000_000L;
    p.changed();
    assertEquals(expected - 1000, ms(clock.delays.get(2)));
  }

  @Test
  void aPushThatSentNothingLeavesTheBaseInterval() {
    Clock clock = new Clock();
    Presence p = new Presence(clock, Duration.ofMillis(250), () -> 2_000, () -> 0L);
    p.changed();
    clock.runLast();
    p.changed();
    assertEquals(750, ms(clock.delays.get(1)), "one more base interval per 1,000 listeners");
  }
}
