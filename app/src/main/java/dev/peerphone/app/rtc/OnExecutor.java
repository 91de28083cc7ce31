package dev.peerphone.app.rtc;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a task on the call executor and waits for its result (at most 30 s): how the engine's
 * public methods, called from UI workers and stdin readers, reach state confined to that
 * executor. Never call it on the call executor itself.
 */
final class OnExecutor {
  private OnExecutor() {}

  static <T> T call(Executor executor, Callable<T> task) {
    return await(CompletableFuture.supplyAsync(() -> {
      try {
        return task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, executor));
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw bad; // e.g. a device name that does not exist: the caller tells the user
      }
      throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
