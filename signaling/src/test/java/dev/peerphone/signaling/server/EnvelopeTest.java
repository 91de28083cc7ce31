package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The message format between nodes. */
class EnvelopeTest {
  @Test
  void anEnvelopeCarriesTypeSenderAndTheJsonUntouched() {
    String json = "{\"type\":\"chat\",\"name\":\"Zoë\",\"text\":\"line\\nbreak\"}";
    assertEquals(new Envelope("chat", "zoë", json), Envelope.decode(Envelope.encode("chat", "zoë", json)));
  }

  @Test
  void textThatIsNoEnvelopeDecodesToNull() {
    for (String bad : new String[] {"", "chat", "chat\nalice", "\nalice\n{}", "chat\n\n{}"}) {
      assertNull(Envelope.decode(bad), bad);
    }
  }
}
