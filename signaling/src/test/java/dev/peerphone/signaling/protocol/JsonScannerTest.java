package dev.peerphone.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.StringReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written scanner agrees with Gson's strict parser on what is valid JSON. */
class JsonScannerTest {

  @Test
  void unicodeEscapesTakeAsciiHexDigitsOnly() {
    // found by the property below: Character.digit also read U+0660 (ARABIC-INDIC DIGIT ZERO) as 0
    assertThrows(JsonScanner.Malformed.class,
        () -> new JsonScanner("{\"a\":\"\\u\u06600041\"}").scan((k, kind, d, st, en) -> { }));
  }

  @Property(tries = 3000)
  void acceptsExactlyWhatGsonStrictAccepts(@ForAll("jsonish") String text) {
    assertEquals(gsonAccepts(text), scannerAccepts(text), () -> "disagree on: " + text);
  }

  @Test
  void decodesEscapesInStringFields() throws Exception {
    ClientMessage m = new MessageDecoder().decode(
        "{\"type\":\"chat\",\"name\":\"b\\u006fb\",\"text\":\"a\\\"b\\\\c\\n\\ud83d\\ude00\\/\"}");
    assertEquals(new ClientMessage.Chat("bob", "a\"b\\c\n\uD83D\uDE00/"), m);
  }

  @Test
  void relaysPayloadsExactlyAsWritten() throws Exception {
    String candidate = "{ \"candidate\" : \"candidate:1 1 udp 1 1.2.3.4 5 typ host\", \"sdpMLineIndex\": 0 }";
    ClientMessage m = new MessageDecoder().decode(
        "{\"type\":\"candidate\",\"candidate\":" + candidate + ",\"name\":\"bob\"}");
    assertEquals(new ClientMessage.Candidate("bob", candidate), m);
  }

  @Test
  void deepNestingIsRefusedWithoutStackOverflow() {
    String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
    ProtocolException e = assertThrows(ProtocolException.class, () -> new MessageDecoder().decode(deep));
    assertEquals(ErrorCode.INVALID_JSON, e.code());
  }

  private static boolean scannerAccepts(String text) {
    try {
      new JsonScanner(text).scan((key, kind, decoded, start, end) -> { });
      return true;
    } catch (JsonScanner.Malformed e) {
      return false;
    }
  }

  private static boolean gsonAccepts(String text) {
    if (text.isBlank()) {
      return false; // Gson reads an empty document as JsonNull; it is not JSON
    }
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement ignored = JsonParser.parseReader(reader);
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (Exception e) {
      return false;
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\\", "\\u00e9", "\\x", "\\n",
            "true", "tru", "false", "null", "nul", "0", "-0", "01", "1.", "1.5", ".5", "1e5", "1E+2",
            "1e", "-", "+1", "\"a\"", "\"type\"", "\u0001", "\u00e9", "\t", "NaN", "Infinity", "/"),
        Arbitraries.strings().ofMaxLength(3));
    Arbitrary<String> noise = token.list().ofMaxSize(14).map(l -> String.join("", l));
    Arbitrary<String> wellFormed = Arbitraries.recursive(
        () -> Arbitraries.of("1", "-2.5e3", "\"s\\\"t\"", "true", "null", "\"\\u0041\"", "0"),
        inner -> Arbitraries.oneOf(
            inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
            Combinators.combine(Arbitraries.of("\"a\"", "\"type\"", "\"\""), inner)
                .as((k, v) -> k + ":" + v).list().ofMaxSize(3)
                .map(l -> "{" + String.join(" , ", l) + "}")),
        4);
    Arbitrary<String> mutated = Combinators.combine(wellFormed, Arbitraries.integers().between(0, 40), token)
        .as((w, at, t) -> w.substring(0, Math.min(at, w.length())) + t + w.substring(Math.min(at, w.length())));
    return Arbitraries.oneOf(noise, wellFormed, mutated);
  }
}
