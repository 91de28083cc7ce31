package dev.peerphone.app.rtc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread a pushed video source ({@link TestPatternSource}, {@link ScreenSource}) makes
 * its frames on: started once, paced to a frame rate (a thread that falls behind does not burst
 * to catch up), stopped and joined so that after {@link #stop} nothing touches the native source
 * any more (required before it is disposed).
 *
 * <p>Threading: {@link #start}/{@link #stop} from the owner's thread; {@link #pace} on the frame
 * thread only.
 */
final class FrameThread {
  private final String name;
  private final long periodNanos;
  private final long joinMillis;
  private volatile boolean running;
  private Thread thread;
  /** When the next frame is due (frame thread only). */
  private long next;

  FrameThread(String name, int fps, long joinMillis) {
    this.name = name;
    this.periodNanos = TimeUnit.SECONDS.toNanos(1) / fps;
    this.joinMillis = joinMillis;
  }

  /** True from {@link #start} until {@link #stop}: the frame loop's condition. */
  boolean running() {
    return running;
  }

  /** Runs {@code body} on a new daemon thread, unless one runs already. */
  synchronized void start(Runnable body) {
    if (thread != null) {
      return;
    }
    running = true;
    next = System.nanoTime();
    thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Ends the loop and waits (bounded) for the thread to finish. */
  synchronized void stop() {
    running = false;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(joinMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /** Frame thread: waits until the next frame is due. */
  void pace() {
    next += periodNanos;
    long wait = next - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    } else {
      next = System.nanoTime(); // fell behind: do not burst to catch up
    }
  }
}
