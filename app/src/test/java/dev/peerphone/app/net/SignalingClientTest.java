package dev.peerphone.app.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.Signal;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalingClientTest {
  @Test
  void reconnectBacksOffFromUnderASecondToAFourSecondCap() {
    List<Long> ms = List.of(0, 1, 2, 3, 4, 5, 10).stream().map(n -> SignalingClient.retryDelay(n).toMillis()).toList();
    assertEquals(List.of(300L, 600L, 1200L, 2400L, 4000L, 4000L, 4000L), ms);
  }

  @Test
  void startsBeforeTheServerAndLogsInOnceItIsUp() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    int port;
    try (TestServer probe = new TestServer()) {
      port = probe.port(); // a port that was free a moment ago
    }
    SignalingClient client = new SignalingClient(java.net.URI.create("ws://127.0.0.1:" + port + "/"), "early",
        new SignalingClient.Listener() {
          @Override
          public void onSignal(Signal signal) {
            got.add(signal);
          }

          @Override
          public void onDown() {
            got.add("down");
          }
        });
    client.start();
    assertEquals("down", got.poll(5, TimeUnit.SECONDS));
    try (TestServer server = new TestServer(port)) {
      long t0 = System.nanoTime();
      Object first;
      do {
        first = got.poll(10, TimeUnit.SECONDS);
      } while ("down".equals(first));
      Signal.LoggedIn in = assertInstanceOf(Signal.LoggedIn.class, first);
      assertEquals("early", in.name());
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(6).toNanos());
    } finally {
      client.close();
    }
  }
}
