package dev.peerphone.signaling.server;

import dev.peerphone.signaling.peerjs.PeerJsHttp;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the PeerServer mode's HTTP asks of the hub, run on the core executor while the HTTP
 * selector thread waits (at most {@link #WAIT_MS}): the core is caller-runs, so this usually runs
 * inline, else right after the task the core is running. The core never waits for a selector,
 * so this cannot deadlock; a core too busy to answer in time gets a 503.
 */
final class PeerJsOnCore implements PeerJsHttp.Backend {
  static final long WAIT_MS = 2000;
  private final Executor core;
  private final Hub hub;

  PeerJsOnCore(Executor core, Hub hub) {
    this.core = core;
    this.hub = hub;
  }

  @Override
  public List<String> peers() {
    List<String> peers = onCore(new CompletableFuture<>(), () -> hub.peerJs().peerIds());
    return peers == null ? List.of() : peers;
  }

  @Override
  public PeerJsHttp.Find find(String id) {
    CompletableFuture<PeerJsHttp.Find> result = new CompletableFuture<>();
    core.execute(() -> {
      try {
        hub.peerJs().find(id, result::complete); // a cluster node answers once Redis decided
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    PeerJsHttp.Find found = await(result);
    return found != null ? found : new PeerJsHttp.Find(PeerJsHttp.Outcome.UNAVAILABLE, null);
  }

  private <T> T onCore(CompletableFuture<T> result, java.util.function.Supplier<T> task) {
    core.execute(() -> {
      try {
        result.complete(task.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return await(result);
  }

  private static <T> T await(CompletableFuture<T> result) {
    try {
      return result.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }
}
