package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallStats;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status line (like the original chat roulette: signaling, data channel, media — with the
 * path the media takes and its round trip, from the call's statistics — and duration) and the
 * window title, derived from the model's call state.
 *
 * <p>Threading: FX thread only, like the model.
 */
final class Status {
  String signaling = "not connected";
  boolean chatOpen;
  boolean mediaConnected;
  /** Clock millis when media of the current call connected, or -1. */
  long connectedAt = -1;
  /** Whose statistics {@link #link} describes ("" for none). */
  String linkPeer = "";
  /** The path and round trip of that call, e.g. "direct (host/udp)  ·  3 ms". */
  String link = "";
  private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper("Signaling: not connected");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Peerphone");

  ReadOnlyStringProperty line() {
    return line.getReadOnlyProperty();
  }

  ReadOnlyStringProperty title() {
    return title.getReadOnlyProperty();
  }

  void callOver() {
    chatOpen = false;
    mediaConnected = false;
    connectedAt = -1;
    linkPeer = "";
    link = "";
  }

  /** The latest statistics of the call with {@code peer}. */
  void stats(String peer, CallStats s) {
    linkPeer = peer;
    link = describe(s);
  }

  /**
   * "direct (host/udp)  ·  3 ms", "direct (srflx/prflx/udp)" (local and remote types when they
   * differ), "relayed (TURN)  ·  40 ms"; "&lt;1 ms" on one machine; no round trip until measured.
   */
  static String describe(CallStats s) {
    String path;
    if (s.relayed()) {
      path = "relayed (TURN" + (s.relayProtocol().isEmpty() || s.relayProtocol().equals("udp") ? "" : "/" + s.relayProtocol()) + ")";
    } else {
      String types = s.local().equals(s.remote()) ? s.local() : s.local() + "/" + s.remote();
      path = "direct (" + types + "/" + s.protocol() + ")";
    }
    if (Double.isNaN(s.rttMs())) {
      return path;
    }
    return path + "  ·  " + (s.rttMs() < 1 ? "<1 ms" : Math.round(s.rttMs()) + " ms");
  }

  void refresh(PhoneModel m) {
    String duration = connectedAt < 0 ? "" : duration(m.clock().millis() - connectedAt);
    StringBuilder b = new StringBuilder("Signaling: ").append(signaling);
    String peer = m.peerProperty().get();
    if (!peer.isEmpty()) {
      b.append("  ·  Data channel: ").append(chatOpen ? "open" : "closed");
      b.append("  ·  Media: ").append(mediaConnected ? "connected" : "connecting");
      if (mediaConnected && peer.equals(linkPeer) && !link.isEmpty()) {
        b.append("  ·  ").append(link);
      }
      if (!duration.isEmpty()) {
        b.append("  ·  ").append(duration);
      }
    }
    line.set(b.toString());
    String me = m.myNameProperty().get();
    String t = me.isEmpty() ? "Peerphone" : "Peerphone — " + me;
    if (!m.incomingCallerProperty().get().isEmpty()) {
      t += " — " + m.incomingCallerProperty().get() + " is calling";
    } else if (!peer.isEmpty()) {
      t += switch (m.phaseProperty().get()) {
        case CALLING -> " — calling " + peer;
        case CONNECTING -> " — connecting to " + peer;
        case CONNECTED -> " — in call with " + peer + (duration.isEmpty() ? "" : " " + duration);
        case IDLE -> "";
      };
    } else if (m.rouletteOnProperty().get()) {
      t += " — roulette";
    }
    title.set(t);
  }

  static String duration(long millis) {
    long s = Math.max(0, millis / 1000);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%02d:%02d", s / 60, s % 60);
  }
}
