package dev.peerphone.signaling.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The operator's {@code --relay-only} option. */
class RelayOnlyOptionTest {

  @Test
  void relayOnlyWithTurnSetsThePolicy() throws Exception {
    assertTrue(ServerOptions.parse("--turn", "turn:t.example.org", "--turn-secret", "s", "--relay-only")
        .relayOnly());
    assertFalse(ServerOptions.parse("--turn", "turn:t.example.org", "--turn-secret", "s").relayOnly());
  }

  @Test
  void relayOnlyWithoutTurnIsAUsageErrorSayingWhy() {
    ServerOptions.UsageException e = assertThrows(ServerOptions.UsageException.class,
        () -> ServerOptions.parse("--relay-only"));
    assertTrue(e.getMessage().contains("--relay-only needs --turn"), e.getMessage());
  }
}
