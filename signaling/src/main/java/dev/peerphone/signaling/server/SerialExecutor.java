package dev.peerphone.signaling.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core executor: runs tasks one at a time, in submission order per submitting thread, on
 * the thread that submits them when the core is idle ("caller runs"), otherwise queued for the
 * thread currently running the core. So the {@link Hub} is confined to one logical thread —
 * every task sees every earlier task's writes — without a thread hand-off per message, which on
 * a 2-core machine costs more than relaying the message itself.
 *
 * <p>A task submitted from inside a running task is queued, never run re-entrantly.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  /** The core runs {@link #idle} at least once per this many tasks while it stays busy. */
  static final int IDLE_EVERY = 64;
  /** Run on the core each time it has run everything waiting, before it goes idle. */
  private volatile Runnable idle = () -> {};

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    // Loop: a task queued by another thread just as the runner finished must not be stranded.
    while (!tasks.isEmpty() && running.compareAndSet(false, true)) {
      try {
        int run = 0;
        for (Runnable next; (next = tasks.poll()) != null; ) {
          runGuarded(next);
          if (++run % IDLE_EVERY == 0) { // a core kept busy by other threads must still write out
            runGuarded(idle);
          }
        }
        runGuarded(idle);
      } finally {
        running.set(false);
      }
    }
  }

  /**
   * Runs {@code idle} on the core whenever it has run every waiting task, before it goes idle, and
   * after every {@value #IDLE_EVERY} tasks while it stays busy (e.g. to write out in one go what
   * those tasks sent); it must not block.
   */
  void whenIdle(Runnable idle) {
    this.idle = idle;
  }

  /** The core must survive a bug in one task: log it and carry on. */
  private static void runGuarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("Core task failed", e);
    }
  }
}
