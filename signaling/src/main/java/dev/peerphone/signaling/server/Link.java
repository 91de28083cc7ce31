package dev.peerphone.signaling.server;

/** The hub's view of one client connection: how to reach it, never how it is implemented. */
interface Link {
  /** Queues a text frame; silently ignored once the connection is closing (it is going away). */
  void send(String text);

  /** Starts a close handshake with {@code code}. */
  void close(int code, String reason);

  /** Drops the connection at once, for peers that stopped answering. */
  void drop(String reason);

  void ping();
}
