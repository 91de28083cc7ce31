package dev.peerphone.signaling.server;

import java.nio.charset.StandardCharsets;

/** The hub's view of one client connection: how to reach it, never how it is implemented. */
interface Link {
  /** Queues a text frame; silently ignored once the connection is closing (it is going away). */
  default void send(String text) {
    send(encode(text));
  }

  /** Queues an already encoded text frame: one encoding can go to many connections. */
  void send(Encoded text);

  /** A message encoded once as UTF-8 (lone surrogates become '?', so it is always valid). */
  record Encoded(byte[] utf8) {}

  static Encoded encode(String text) {
    return new Encoded(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a close handshake with {@code code}. */
  void close(int code, String reason);

  /** Drops the connection at once, for peers that stopped answering. */
  void drop(String reason);

  void ping();
}
