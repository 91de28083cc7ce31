package dev.peerphone.app.ui;

import java.time.LocalTime;

/**
 * One chat message as shown: sender, recipient, local time, the text (always rendered as plain
 * text) and whether it reached the peer. Immutable: a delivery change replaces the line in the list.
 *
 * @param sender who wrote it; "" for a line of the app's own (a call ended)
 * @param to whom it went: the peer for our own lines, our name for received ones, "" for the app's
 */
public record ChatLine(String sender, String to, LocalTime time, String text, Delivery delivery) {
  /** Our own messages start {@code PENDING}; received ones are {@code RECEIVED}. */
  public enum Delivery { PENDING, DELIVERED, FAILED, RECEIVED }

  ChatLine with(Delivery d) {
    return new ChatLine(sender, to, time, text, d);
  }
}
