package dev.peerphone.signaling.server;

/** Why the server cut off a connection that had been admitted, as {@code /metrics} counts it ({@link #wire}). */
enum Drop {
  /** More waited unsent than the bound (see {@link WsLink}): the client stopped reading. */
  SLOW_READER("slow-reader"),
  /** The client broke the WebSocket protocol (a malformed, unmasked or non-UTF-8 frame): closed 1002/1007. */
  PROTOCOL_ERROR("protocol-error");

  private final String wire;

  Drop(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }
}
