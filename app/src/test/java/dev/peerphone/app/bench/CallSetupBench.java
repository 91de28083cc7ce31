package dev.peerphone.app.bench;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Call-setup benchmark, Java to Java through a running signaling server: {@code call} (ring) to
 * DataChannel open and to the first remote video frame, at the caller, median of N calls after
 * two warm-up calls. Not a test; run by {@code bench/calls/run.sh}. Prints one JSON line.
 *
 * <p>Usage: {@code CallSetupBench ws://HOST:PORT [calls]}
 */
public final class CallSetupBench {
  private CallSetupBench() {}

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args[0]);
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    BlockingQueue<CallEvent> caller = new LinkedBlockingQueue<>();
    BlockingQueue<CallEvent> callee = new LinkedBlockingQueue<>();
    CallOptions auto = CallOptions.defaults().withAutoAnswer(true);
    String suffix = Long.toString(System.nanoTime() % 100000);
    try (PeerClient b = new PeerClient(server, "jb" + suffix, MediaConfig.synthetic(), auto, callee::add);
        PeerClient a = new PeerClient(server, "ja" + suffix, MediaConfig.synthetic(), auto, caller::add)) {
      b.start();
      a.start();
      await(callee, CallEvent.LoggedIn.class);
      await(caller, CallEvent.LoggedIn.class);
      List<Long> dc = new ArrayList<>();
      List<Long> frame = new ArrayList<>();
      List<Long> connected = new ArrayList<>();
      for (int i = 0; i < calls + 2; i++) {
        caller.clear();
        a.calls().call(b.name());
        long c = await(caller, CallEvent.CallConnected.class).setupMs();
        long d = await(caller, CallEvent.ChatOpen.class).setupMs();
        long f = await(caller, CallEvent.FirstVideoFrame.class).setupMs();
        if (i >= 2) {
          connected.add(c);
          dc.add(d);
          frame.add(f);
        }
        a.calls().hangup(b.name());
        await(caller, CallEvent.CallEnded.class);
        await(callee, CallEvent.CallEnded.class);
      }
      System.out.printf("{\"side\":\"java\",\"calls\":%d,\"connectedMedianMs\":%d,\"dcOpenMedianMs\":%d,"
          + "\"firstFrameMedianMs\":%d,\"dcOpenMs\":%s,\"firstFrameMs\":%s}%n",
          calls, median(connected), median(dc), median(frame), dc, frame);
    }
    System.exit(0);
  }

  static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static <T extends CallEvent> T await(BlockingQueue<CallEvent> q, Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      CallEvent e = q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
    throw new IllegalStateException("no " + type.getSimpleName() + " within 20 s");
  }
}
