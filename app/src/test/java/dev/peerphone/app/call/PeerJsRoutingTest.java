package dev.peerphone.app.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.peerphone.app.testing.Recorder;

/**
 * CallController picks the PeerJS flow ({@link PeerJsPort}) for users marked as PeerJS users by
 * presence, a match or their PeerJS messages, and the existing flow for everyone else.
 */
class PeerJsRoutingTest {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final Fakes.Signaling signaling = new Fakes.Signaling();
  private final Recorder events = new Recorder("me");
  private final Port port = new Port();
  private CallController controller;

  /** Records what the controller asks of the PeerJS side. */
  private static final class Port implements PeerJsPort {
    final BlockingQueue<String> asked = new LinkedBlockingQueue<>();
    final Set<String> marked = new HashSet<>();
    Ended ended;

    void expect(String... lines) throws InterruptedException {
      for (String l : lines) {
        assertEquals(l, asked.poll(5, TimeUnit.SECONDS));
      }
    }

    @Override public boolean handles(String peer) { return marked.contains(peer.toLowerCase(Locale.ROOT)); }
    @Override public void mark(String peer, boolean peerjs) {
      if (peerjs) {
        marked.add(peer.toLowerCase(Locale.ROOT));
      } else {
        marked.remove(peer.toLowerCase(Locale.ROOT));
      }
    }
    @Override public void call(String peer) { asked.add("call " + peer); }
    @Override public void accept(String peer) { asked.add("accept " + peer); }
    @Override public void hangup(String peer, String reason) { asked.add("hangup " + peer + " " + reason); }
    @Override public void sendChat(String peer, String text) { asked.add("chat " + peer + " " + text); }
    @Override public void rouletteMatched(String peer, boolean initiator) {
      marked.add(peer.toLowerCase(Locale.ROOT));
      asked.add("matched " + peer + " " + initiator);
    }
    @Override public void incoming(String from, String type, String payloadJson) {
      marked.add(from.toLowerCase(Locale.ROOT));
      asked.add("incoming " + from + " " + type + " " + payloadJson);
    }
    @Override public void onCallEnded(Ended listener) { ended = listener; }
  }

  @BeforeEach
  void start() {
    controller = new CallController(executor, signaling, new Fakes.Media(), CallOptions.defaults(), events);
    controller.enablePeerJs(port);
    controller.onSignal(new Signal.LoggedIn("me", List.of(new UserStatus("bob", "available"),
        new UserStatus("Page1", "available", true)), List.of()));
    events.await(CallEvent.LoggedIn.class);
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void presenceMarkedPeerJsUsersGetThePeerJsFlowAndOthersTheExistingOne() throws Exception {
    controller.call("page1");
    port.expect("call page1");
    controller.sendChat("Page1", "hi");
    port.expect("chat Page1 hi");
    controller.hangup("page1");
    port.expect("hangup page1 hangup");
    controller.call("bob");
    signaling.expect("call bob");
    controller.hangup("bob");
    signaling.expect("leave bob");
    controller.sendChat("carol", "relayed");
    signaling.expect("chat carol relayed");
    controller.onSignal(new Signal.Users(List.of(new UserStatus("Page1", "available", false))));
    events.await(CallEvent.UsersChanged.class);
    controller.call("page1");
    signaling.expect("call page1"); // no longer a PeerJS user: the existing flow
    assertEquals(null, port.asked.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void anEnvelopeGoesToThePeerJsSideAndMarksItsSender() throws Exception {
    controller.onSignal(new Signal.PeerJs("page2", "OFFER", "{\"type\":\"media\"}"));
    port.expect("incoming page2 OFFER {\"type\":\"media\"}");
    controller.accept("page2");
    port.expect("accept page2");
  }

  @Test
  void rouletteWithAPeerJsPartnerCallsItAndNextHangsItUpThePeerJsWay() throws Exception {
    controller.find();
    signaling.expect("find");
    controller.onSignal(new Signal.Match("page3", true, true));
    port.expect("matched page3 true");
    controller.next();
    port.expect("hangup page3 next");
    signaling.expect("next");
    controller.onSignal(new Signal.Match("page4", false, true));
    port.expect("matched page4 false");
    executor.submit(() -> port.ended.callEnded("page4", "remote-hangup", true, false)).get();
    signaling.expect("find"); // the partner left: back in the queue
  }
}
