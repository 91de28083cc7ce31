package dev.peerphone.signaling.server;

/** Why a connection or a login was refused, as {@code /metrics} counts it ({@link #wire}). */
enum Refusal {
  PER_ADDRESS("per-address"),
  GLOBAL("global"),
  HANDSHAKE_TIMEOUT("handshake-timeout"),
  HEAD_TOO_LARGE("head-too-large"),
  BODY("body"),
  LOGIN_RATE("login-rate"),
  NAMES_PER_ADDRESS("names-per-address");

  private final String wire;

  Refusal(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }
}
