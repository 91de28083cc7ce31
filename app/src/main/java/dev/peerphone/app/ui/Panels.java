package dev.peerphone.app.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Which side panels show: who is online (left), settings and chat (right). The users and chat
 * panels show at first; settings open on demand.
 *
 * <p>Threading: FX thread.
 */
record Panels(BooleanProperty users, BooleanProperty settings, BooleanProperty chat) {
  Panels() {
    this(new SimpleBooleanProperty(true), new SimpleBooleanProperty(false), new SimpleBooleanProperty(true));
  }

  static void toggle(BooleanProperty p) {
    p.set(!p.get());
  }
}
