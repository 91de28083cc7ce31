package dev.peerphone.app.bench;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import dev.peerphone.app.call.CallListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Call-setup benchmark, Java to Java through a running signaling server, ring flow (caller rings,
 * callee auto-accepts, caller offers). For each call, every setup step of both peers
 * ({@link CallEvent.SetupPhase}: signaling messages, first candidate, ICE and DTLS connected,
 * DataChannel open, first video frame encoded / decoded / handed to our sink) in milliseconds
 * after the caller sent {@code call}; two warm-up calls first. Not a test; run by
 * {@code bench/calls/run.sh}, which turns the output into the table in docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code CallSetupBench ws://HOST:PORT [calls] [ringMs]} (ringMs: the callee accepts that
 * long after the ring, as a person would; 0 = auto-answer). Prints one JSON line:
 * {@code {"side":"java","calls":N,"phases":{"caller.dc-open":[ms,...],"callee.accept-sent":[...],...}}}.
 */
public final class CallSetupBench {
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

  private CallSetupBench() {}

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args[0]);
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long ringMs = args.length > 2 ? Long.parseLong(args[2]) : 0;
    BlockingQueue<CallEvent> caller = new LinkedBlockingQueue<>();
    BlockingQueue<CallEvent> callee = new LinkedBlockingQueue<>();
    CallOptions auto = CallOptions.defaults().withAutoAnswer(true).withTraceSetup(true);
    String suffix = Long.toString(System.nanoTime() % 100000);
    Map<String, List<Double>> phases = new TreeMap<>();
    // With a ring time, the callee "presses Accept" ringMs after the ring instead of at once.
    ScheduledExecutorService user = Executors.newSingleThreadScheduledExecutor();
    AtomicReference<PeerClient> calleeClient = new AtomicReference<>();
    CallListener calleeEvents = e -> {
      callee.add(e);
      if (ringMs > 0 && e instanceof CallEvent.IncomingCall in) {
        user.schedule(() -> calleeClient.get().calls().accept(in.peer()), ringMs, TimeUnit.MILLISECONDS);
      }
    };
    try (PeerClient b = new PeerClient(server, "jb" + suffix, MediaConfig.synthetic(),
            auto.withAutoAnswer(ringMs == 0), calleeEvents);
        PeerClient a = new PeerClient(server, "ja" + suffix, MediaConfig.synthetic(), auto, caller::add)) {
      calleeClient.set(b);
      b.start();
      a.start();
      new Side(callee).await(CallEvent.LoggedIn.class);
      new Side(caller).await(CallEvent.LoggedIn.class);
      for (int i = 0; i < calls + 2; i++) {
        caller.clear();
        callee.clear();
        Side x = new Side(caller);
        Side y = new Side(callee);
        a.calls().call(b.name());
        x.await(CallEvent.FirstVideoFrame.class);
        y.await(CallEvent.FirstVideoFrame.class);
        x.awaitPhase("dc-open");
        y.awaitPhase("dc-open");
        for (String p : List.of("first-frame-encoded", "first-frame-decoded")) {
          x.awaitPhase(p);
          y.awaitPhase(p);
        }
        if (i >= 2) {
          long t0 = x.seen.get("call-sent");
          x.seen.forEach((p, t) -> phases.computeIfAbsent("caller." + p, k -> new ArrayList<>()).add(ms(t - t0)));
          y.seen.forEach((p, t) -> phases.computeIfAbsent("callee." + p, k -> new ArrayList<>()).add(ms(t - t0)));
        }
        a.calls().hangup(b.name());
        x.await(CallEvent.CallEnded.class);
        y.await(CallEvent.CallEnded.class);
      }
    }
    String json = phases.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue().stream()
            .map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(",", "[", "]")))
        .collect(Collectors.joining(",", "{", "}"));
    System.out.printf("{\"side\":\"java\",\"calls\":%d,\"ringMs\":%d,\"phases\":%s}%n", calls, ringMs, json);
    System.exit(0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** One peer's events of the current call; setup phases are collected while waiting. */
  private static final class Side {
    final BlockingQueue<CallEvent> queue;
    final Map<String, Long> seen = new HashMap<>();

    Side(BlockingQueue<CallEvent> queue) {
      this.queue = queue;
    }

    <T extends CallEvent> T await(Class<T> type) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT_NANOS;
      while (System.nanoTime() < deadline) {
        CallEvent e = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e instanceof CallEvent.SetupPhase p) {
          seen.putIfAbsent(p.phase(), p.nanos());
        } else if (e instanceof CallEvent.Error err) {
          System.err.println("call error: " + err);
        }
        if (type.isInstance(e)) {
          return type.cast(e);
        }
      }
      throw new IllegalStateException("no " + type.getSimpleName() + " within 20 s; phases so far: " + seen.keySet());
    }

    /** Waits up to 2 s for {@code phase} (the statistics poll lags the event by up to 10 ms). */
    void awaitPhase(String phase) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!seen.containsKey(phase) && System.nanoTime() < deadline) {
        CallEvent e = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e instanceof CallEvent.SetupPhase p) {
          seen.putIfAbsent(p.phase(), p.nanos());
        }
      }
    }
  }
}
