package dev.peerphone.app.ui;

/** Where the current call stands, as the window shows it. */
public enum CallPhase {
  IDLE, CALLING, CONNECTING, CONNECTED
}
