package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.peerphone.app.call.PeerLink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DataChannels of one session: ours ({@code peerphone-control} and {@code chat}, made by the
 * offerer) and any the peer opened (older pages open their own chat channel). Text on any
 * channel is chat, except control messages on the control channel.
 *
 * <p>Threading: call executor, except the observers, which copy the message or state on the
 * native signaling thread and hop. 0.14.0 traps handled here: the received buffer is freed when
 * onMessage returns (copy it); send() sends a buffer's whole backing array (wrap exact bytes);
 * a disposed channel throws from every method (unregister before dispose).
 */
final class Channels {
  private static final Logger log = LoggerFactory.getLogger(Channels.class);
  static final String CHAT = "chat";
  static final String CONTROL = "peerphone-control";

  private final String peer;
  private final Consumer<Runnable> hop;
  private final PeerLink.Listener listener;
  private final List<Entry> entries = new ArrayList<>();
  private boolean chatWasOpen;

  private static final class Entry {
    final RTCDataChannel dc;
    final boolean control;
    boolean open;
    boolean closed;

    Entry(RTCDataChannel dc, boolean control) {
      this.dc = dc;
      this.control = control;
    }
  }

  Channels(String peer, Consumer<Runnable> hop, PeerLink.Listener listener) {
    this.peer = peer;
    this.hop = hop;
    this.listener = listener;
  }

  /** Offerer: control first, then chat, so a page that keeps only the last channel it is given keeps chat. */
  void createOwn(RTCPeerConnection pc) {
    adopt(pc.createDataChannel(CONTROL, new RTCDataChannelInit()));
    adopt(pc.createDataChannel(CHAT, new RTCDataChannelInit()));
  }

  void adopt(RTCDataChannel dc) {
    Entry e = new Entry(dc, CONTROL.equals(dc.getLabel()));
    entries.add(e);
    dc.registerObserver(ChannelEvents.hopping(peer, dc, hop, state -> stateChanged(e, state),
        (bytes, binary) -> received(e, new String(bytes, StandardCharsets.UTF_8))));
    stateChanged(e, dc.getState()); // it may have opened before we registered
  }

  private void stateChanged(Entry e, RTCDataChannelState state) {
    if (e.closed) {
      return;
    }
    e.open = state == RTCDataChannelState.OPEN;
    boolean chatOpen = chatEntry() != null;
    if (chatOpen) {
      chatWasOpen = true;
      listener.chatOpen();
    } else if (chatWasOpen && entries.stream().noneMatch(x -> x.open)) {
      listener.chatClosed();
    }
  }

  private void received(Entry e, String text) {
    if (e.control && text.startsWith("{\"peerphone\":")) {
      listener.controlReceived(text);
    } else {
      listener.chatReceived(text);
    }
  }

  /** Our own chat channel if open, else any open channel the peer made that is not control. */
  private Entry chatEntry() {
    Entry any = null;
    for (Entry e : entries) {
      if (e.open && !e.control) {
        if (CHAT.equals(safeLabel(e))) {
          return e;
        }
        any = any == null ? e : any;
      }
    }
    return any;
  }

  boolean sendChat(String text) {
    Entry e = chatEntry();
    return e != null && send(e, text);
  }

  boolean sendControl(String json) {
    for (Entry e : entries) {
      if (e.open && e.control) {
        return send(e, json);
      }
    }
    return false;
  }

  private boolean send(Entry e, String text) {
    try {
      // Exact-size heap buffer: 0.14.0 sends the whole backing array, ignoring position/limit.
      e.dc.send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
      return true;
    } catch (Throwable t) {
      log.warn("{}: send failed: {}", peer, t.toString());
      return false;
    }
  }

  private String safeLabel(Entry e) {
    try {
      return e.dc.getLabel();
    } catch (Throwable t) {
      return "";
    }
  }

  /** Step 4 of the close order: unregister observers, close channels. */
  void close() {
    for (Entry e : entries) {
      e.closed = true;
      e.open = false;
      try {
        e.dc.unregisterObserver();
        e.dc.close();
      } catch (Throwable t) {
        log.warn("{}: channel close: {}", peer, t.toString());
      }
    }
  }

  /** Step 6, after pc.close(): dispose once (never retry a dispose that threw). */
  void dispose() {
    for (Entry e : entries) {
      try {
        e.dc.dispose();
      } catch (Throwable t) {
        log.warn("{}: channel dispose: {}", peer, t.toString());
      }
    }
    entries.clear();
  }
}
