package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The message format between nodes. */
class EnvelopeTest {
  @Test
  void anEnvelopeCarriesTypeSenderAndTheJsonUntouched() {
    String json = "{\"type\":\"chat\",\"name\":\"Zoë\",\"text\":\"line\\nbreak\"}";
    Envelope e = Envelope.decode(Envelope.encode("chat", "zoë", json, 1_732_800_000_123L));
    assertEquals(new Envelope("chat", "zoë", json, 1_732_800_000_123L), e);
  }

  @Test
  void anEnvelopeMadeInsideRedisCarriesNoTime() {
    assertEquals(new Envelope("match", "bob", "{}", -1), Envelope.decode("match\nbob\n{}"));
  }

  @Test
  void textThatIsNoEnvelopeDecodesToNull() {
    for (String bad : new String[] {"", "chat", "chat\nalice", "\nalice\n{}", "chat\n\n{}", "chat@x\nalice\n{}"}) {
      assertNull(Envelope.decode(bad), bad);
    }
  }
}
