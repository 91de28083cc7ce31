package dev.peerphone.app.ui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status line (like the original chat roulette: signaling, data channel, media, duration)
 * and the window title, derived from the model's call state.
 *
 * <p>Threading: FX thread only, like the model.
 */
final class Status {
  String signaling = "not connected";
  boolean chatOpen;
  boolean mediaConnected;
  /** Clock millis when media of the current call connected, or -1. */
  long connectedAt = -1;
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
  }

  void refresh(PhoneModel m) {
    String duration = connectedAt < 0 ? "" : duration(m.clock().millis() - connectedAt);
    StringBuilder b = new StringBuilder("Signaling: ").append(signaling);
    String peer = m.peerProperty().get();
    if (!peer.isEmpty()) {
      b.append("  ·  Data channel: ").append(chatOpen ? "open" : "closed");
      b.append("  ·  Media: ").append(mediaConnected ? "connected" : "connecting");
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
