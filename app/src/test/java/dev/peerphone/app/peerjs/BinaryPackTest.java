package dev.peerphone.app.peerjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BinaryPack and chunking against the bytes the real {@code peerjs-js-binarypack} and PeerJS
 * 1.5.5's chunker produce ({@code testing/peerjs/binarypack-fixtures.cjs}, run at test time):
 * our encoder must give the same bytes, our decoder the same values.
 */
class BinaryPackTest {
  private static final HexFormat HEX = HexFormat.of();
  private static JsonObject cases;
  private static List<String> chunked;
  private static final String LONG = "0123456789".repeat(2000);

  @BeforeAll
  static void generate() throws Exception {
    PeerJsFixture.installed();
    JsonObject o = JsonParser.parseString(PeerJsFixture.run(List.of("node", "binarypack-fixtures.cjs"),
        Duration.ofSeconds(60))).getAsJsonObject();
    cases = o.getAsJsonObject("cases");
    chunked = new ArrayList<>();
    o.getAsJsonArray("chunked").forEach(e -> chunked.add(e.getAsString()));
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static byte[] js(String name) {
    return HEX.parseHex(cases.get(name).getAsString());
  }

  /** Same bytes as the JavaScript packer, and unpacking them gives {@code decoded}. */
  private static void same(String name, Object value, Object decoded) {
    assertEquals(cases.get(name).getAsString(), HEX.formatHex(BinaryPack.pack(value)), name + ": packed bytes");
    Object back = BinaryPack.unpack(js(name));
    if (decoded instanceof byte[] b) {
      assertArrayEquals(b, (byte[]) back, name);
    } else {
      assertEquals(decoded, back, name + ": unpacked value");
    }
  }

  @Test
  void stringsPackLikePeerJs() {
    same("string", "hello", "hello");
    same("unicode", "grüße ☎ 🎉", "grüße ☎ 🎉");
    same("string20", "a string of twenty c", "a string of twenty c");
    same("empty", "", "");
    same("long", LONG, LONG);
  }

  @Test
  void numbersPackLikePeerJs() {
    same("zero", 0, 0L);
    same("small", 42, 42L);
    same("fixnegative", -5, -5L);
    same("int8", -100, -100L);
    same("uint8", 200, 200L);
    same("uint16", 60000, 60000L);
    same("int16", -30000, -30000L);
    same("uint32", 4000000000L, 4000000000L);
    same("int32", -2000000000, -2000000000L);
    same("large", 1234567890123L, 1234567890123L);
    same("largeNegative", -1234567890123L, -1234567890123L);
    same("float", 3.14159, 3.14159);
    same("negativeFloat", -2.5, -2.5);
    same("tiny", 1e-7, 1e-7);
    same("wholeDouble", 2.0, 2L); // JavaScript has one number type: 2.0 is the integer 2
  }

  @Test
  void booleansNullAndBytesPackLikePeerJs() {
    same("yes", true, true);
    same("no", false, false);
    same("nothing", null, null);
    same("bytes", new byte[] {0, 1, 2, (byte) 254, (byte) 255}, new byte[] {0, 1, 2, (byte) 254, (byte) 255});
    byte[] twenty = new byte[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = (byte) (i * 12);
    }
    same("bytes20", twenty, twenty);
  }

  @Test
  void nestedObjectsAndArraysPackLikePeerJs() {
    same("array", List.of(1, "two", Arrays.asList(3, null), map("four", 4)),
        List.of(1L, "two", Arrays.asList(3L, null), map("four", 4L)));
    Object nested = map("name", "peer", "n", 7, "list", List.of(true, false, 1.5),
        "inner", map("deep", map("deeper", "yes")), "bytes", new byte[] {9, 8, 7});
    assertEquals(cases.get("nested").getAsString(), HEX.formatHex(BinaryPack.pack(nested)));
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) BinaryPack.unpack(js("nested"));
    assertEquals(List.of("name", "n", "list", "inner", "bytes"), List.copyOf(back.keySet()));
    assertEquals(List.of(true, false, 1.5), back.get("list"));
    assertEquals(map("deep", map("deeper", "yes")), back.get("inner"));
    assertArrayEquals(new byte[] {9, 8, 7}, (byte[]) back.get("bytes"));
  }

  @Test
  void a20000CharacterStringIsChunkedLikePeerJsAndReassembled() {
    List<PeerJsData.Frame> ours = new PeerJsData(PeerJsData.Kind.BINARY).encode(LONG);
    assertEquals(chunked.size(), ours.size(), "chunk count");
    for (int i = 0; i < ours.size(); i++) {
      int k = i;
      String theirs = chunked.get(i);
      String mine = HEX.formatHex(ours.get(i).bytes());
      assertTrue(theirs.equals(mine), () -> "chunk " + k + " differs: ours starts " + mine.substring(0, 60) + ", PeerJS's " + theirs.substring(0, 60));
    }
    PeerJsData receiver = new PeerJsData(PeerJsData.Kind.BINARY);
    List<String> reversed = new ArrayList<>(chunked);
    java.util.Collections.reverse(reversed); // chunks carry their index: order does not matter
    PeerJsData.Received last = null;
    for (int i = 0; i < reversed.size(); i++) {
      last = receiver.decode(new PeerJsData.Frame(HEX.parseHex(reversed.get(i)), true));
      if (i < reversed.size() - 1) {
        assertInstanceOf(PeerJsData.Partial.class, last);
      }
    }
    assertEquals(new PeerJsData.Value(LONG), last);
  }

  @Test
  void badBytesGetATypedError() {
    assertThrows(BinaryPack.FormatException.class, () -> BinaryPack.unpack(new byte[] {(byte) 0xd9, 0, 0, 0, 9, 'a'}));
    assertThrows(BinaryPack.FormatException.class, () -> BinaryPack.unpack(new byte[0]));
    PeerJsData d = new PeerJsData(PeerJsData.Kind.BINARY);
    assertThrows(PeerJsData.DataException.class, () -> d.decode(new PeerJsData.Frame(new byte[] {(byte) 0xc7}, true)));
    byte[] badChunk = BinaryPack.pack(map("__peerData", 1, "n", 5, "data", new byte[1], "total", 2));
    assertThrows(PeerJsData.DataException.class, () -> d.decode(new PeerJsData.Frame(badChunk, true)));
    assertThrows(PeerJsData.DataException.class,
        () -> new PeerJsData(PeerJsData.Kind.JSON).encode(LONG)); // PeerJS refuses JSON messages of 16,300+ bytes
  }

  @Test
  void closeRequestIsRecognisedInBinaryAndJson() {
    Object close = map("__peerData", map("type", "close"));
    assertEquals(new PeerJsData.CloseRequest(),
        new PeerJsData(PeerJsData.Kind.BINARY).decode(new PeerJsData.Frame(BinaryPack.pack(close), true)));
    assertEquals(new PeerJsData.CloseRequest(), new PeerJsData(PeerJsData.Kind.JSON)
        .decode(new PeerJsData.Frame("{\"__peerData\":{\"type\":\"close\"}}".getBytes(), true)));
  }

  /**
   * The browser client's {@code binarypack.js} under node against the same fixtures
   * ({@code testing/peerjs/binarypack-check.mjs}): same bytes, same values, same chunks, typed errors.
   */
  @Test
  void theBrowserClientsBinaryPackJsMatchesPeerJs() throws Exception {
    String module = java.nio.file.Path.of("../signaling/src/main/resources/dev/peerphone/signaling/web/binarypack.js")
        .toAbsolutePath().normalize().toString();
    String out = PeerJsFixture.run(List.of("node", "binarypack-check.mjs", module), Duration.ofSeconds(60)).trim();
    assertTrue(out.startsWith("ok "), out);
  }
}
