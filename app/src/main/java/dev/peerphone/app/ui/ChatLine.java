package dev.peerphone.app.ui;

import java.time.LocalTime;

/**
 * One chat message as shown: sender, local time, the text (always rendered as plain text) and
 * whether it reached the peer. Immutable: a delivery change replaces the line in the list.
 */
public record ChatLine(String sender, LocalTime time, String text, Delivery delivery) {
  /** Our own messages start {@code PENDING}; received ones are {@code RECEIVED}. */
  public enum Delivery { PENDING, DELIVERED, FAILED, RECEIVED }

  ChatLine with(Delivery d) {
    return new ChatLine(sender, time, text, d);
  }
}
