package dev.peerphone.app.call;

/** The roulette client's state and status lines. Confined to the call executor. */
final class Roulette {
  static final String WAITING = "Waiting for a free peer";
  static final String CONNECTED = "Connected to a peer";

  enum State { OFF, WAITING, PAIRED }

  State state = State.OFF;
}
