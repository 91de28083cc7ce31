package dev.peerphone.app.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Fakes of the two ports of {@link CallController}: what it sends, and the links it opens. */
final class Fakes {
  private Fakes() {}

  /** Records every outgoing signaling message as "type peer [extra]". */
  static final class Signaling implements SignalingPort {
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();

    String take() throws InterruptedException {
      String s = sent.poll(5, TimeUnit.SECONDS);
      if (s == null) {
        fail("nothing sent");
      }
      return s;
    }

    void expect(String... messages) throws InterruptedException {
      for (String m : messages) {
        assertEquals(m, take());
      }
    }

    void expectNothing() throws InterruptedException {
      String s = sent.poll(200, TimeUnit.MILLISECONDS);
      if (s != null) {
        fail("unexpected " + s);
      }
    }

    @Override public void offer(String peer, SessionDescription o) { sent.add("offer " + peer); }
    @Override public void answer(String peer, SessionDescription a) { sent.add("answer " + peer); }
    @Override public void candidate(String peer, IceCandidate c) { sent.add("candidate " + peer); }
    @Override public void leave(String peer) { sent.add("leave " + peer); }
    @Override public void call(String peer) { sent.add("call " + peer); }
    @Override public void accept(String peer) { sent.add("accept " + peer); }
    @Override public void reject(String peer, String reason) { sent.add("reject " + peer + " " + reason); }
    @Override public void chat(String peer, String text) { sent.add("chat " + peer + " " + text); }
    @Override public void find() { sent.add("find"); }
    @Override public void next() { sent.add("next"); }
    @Override public void stop() { sent.add("stop"); }
    @Override public void ice() { sent.add("ice"); }
  }

  /** Opens {@link Link}s that record calls; tests drive their listeners. */
  static final class Media implements MediaEngine {
    final Map<String, Link> links = new ConcurrentHashMap<>();
    final Map<String, Boolean> enabled = new ConcurrentHashMap<>(Map.of("audio", true, "video", true));

    final Map<String, IceConfig> ice = new ConcurrentHashMap<>();

    @Override
    public PeerLink open(String peer, IceConfig config, boolean offerer, PeerLink.Listener listener) {
      ice.put(peer, config);
      Link l = new Link(offerer, listener);
      links.put(peer, l);
      return l;
    }

    @Override public void setEnabled(String kind, boolean on) { enabled.put(kind, on); }
    @Override public boolean isEnabled(String kind) { return enabled.get(kind); }
  }

  static final class Link implements PeerLink {
    final boolean offerer;
    final PeerLink.Listener listener;
    final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    final List<String> chatSent = new ArrayList<>();
    volatile boolean chatOpen;
    volatile boolean closed;

    Link(boolean offerer, PeerLink.Listener listener) {
      this.offerer = offerer;
      this.listener = listener;
    }

    String next() throws InterruptedException {
      String s = calls.poll(5, TimeUnit.SECONDS);
      if (s == null) {
        fail("link: nothing called");
      }
      return s;
    }

    @Override public void createOffer() { calls.add("createOffer"); }
    @Override public void acceptOffer(SessionDescription o) { calls.add("acceptOffer"); }
    @Override public void acceptAnswer(SessionDescription a) { calls.add("acceptAnswer"); }
    @Override public void addRemoteCandidate(IceCandidate c) { calls.add("candidate " + c.candidate()); }

    @Override
    public synchronized boolean sendChat(String text) {
      if (!chatOpen) {
        return false;
      }
      chatSent.add(text);
      return true;
    }

    @Override public boolean sendControl(String json) { calls.add("control " + json); return chatOpen; }
    @Override public VideoStats remoteVideo() { return new VideoStats(0, 0, 0); }
    @Override public AudioStats remoteAudio() { return new AudioStats(0, 0, 0); }
    @Override public void close() { closed = true; calls.add("close"); }
  }
}
