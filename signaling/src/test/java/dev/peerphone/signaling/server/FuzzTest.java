package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.signaling.protocol.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes, random JSON and mutated valid messages: the server never crashes, answers only
 * with well-formed, typed messages, and an innocent pair's chat goes on unaffected.
 */
class FuzzTest {
  private static final Set<String> SERVER_TYPES = Set.of("login", "users", "pong", "error", "offer",
      "answer", "candidate", "leave", "call", "accept", "reject", "chat", "match");
  private static final Set<String> ERROR_CODES =
      Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());
  private static final List<String> VALID = List.of(
      "{\"type\":\"login\",\"name\":\"fuzzer\"}",
      "{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}",
      "{\"type\":\"answer\",\"name\":\"alice\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}",
      "{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}",
      "{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":null}",
      "{\"type\":\"leave\",\"name\":\"bob\"}", "{\"type\":\"call\",\"name\":\"alice\"}",
      "{\"type\":\"accept\",\"name\":\"bob\"}", "{\"type\":\"reject\",\"name\":\"alice\",\"reason\":\"busy\"}",
      "{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"hello\"}", "{\"type\":\"users\"}",
      "{\"type\":\"find\"}", "{\"type\":\"next\"}", "{\"type\":\"stop\"}", "{\"type\":\"ping\"}");

  private static ServerFixture fixture;
  private static TestClient alice;
  private static TestClient bob;
  private static TestClient fuzzer;
  private static int chats;

  @BeforeContainer
  static void start() throws Exception {
    // Generous limits: the fuzzer is meant to reach the parser, not the abuse rules.
    fixture = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(0)
        .withRateLimit(new ServerConfig.RateLimit(1_000_000, 1_000_000, 1_000_000, Duration.ofSeconds(1)))
        .withTimers(Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofMillis(50)));
    alice = fixture.login("alice");
    bob = fixture.login("bob");
    fuzzer = fixture.connect();
  }

  @AfterContainer
  static void stop() {
    fixture.close();
  }

  @Property(tries = 300)
  void randomTextNeverBreaksTheServer(@ForAll("randomText") String text) {
    fuzzer.send(text);
    assertServerAnswersAndInnocentsUnaffected();
  }

  @Property(tries = 150)
  void randomBytesGetBinaryNotSupported(@ForAll byte[] bytes) {
    fuzzer.send(bytes);
    assertServerAnswersAndInnocentsUnaffected();
  }

  @Property(tries = 300)
  void randomJsonNeverBreaksTheServer(@ForAll("randomJson") String json) {
    fuzzer.send(json);
    assertServerAnswersAndInnocentsUnaffected();
  }

  @Property(tries = 500)
  void mutatedValidMessagesNeverBreakTheServer(@ForAll("mutatedMessages") String message) {
    fuzzer.send(message);
    assertServerAnswersAndInnocentsUnaffected();
  }

  /**
   * The fuzzer's replies (up to the pong that follows a ping) are all well-formed and typed,
   * and a chat between alice and bob still arrives intact.
   */
  private static void assertServerAnswersAndInnocentsUnaffected() {
    fuzzer.send("{\"type\":\"ping\"}");
    while (true) {
      JsonObject m = fuzzer.poll(TestClient.TIMEOUT_MS);
      assertNotNull(m, "the server answers a ping after the fuzz input");
      String type = m.get("type").getAsString();
      assertTrue(SERVER_TYPES.contains(type), "server sent " + m);
      if (type.equals("error")) {
        assertTrue(ERROR_CODES.contains(m.get("code").getAsString()), "typed error " + m);
        assertTrue(m.has("message"), m.toString());
      }
      if (type.equals("pong")) {
        break;
      }
    }
    String text = "innocent " + (++chats);
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"" + text + "\"}");
    while (true) {
      JsonObject m = bob.poll(TestClient.TIMEOUT_MS);
      assertNotNull(m, "bob still gets alice's chat");
      if (m.get("type").getAsString().equals("chat") && m.get("name").getAsString().equals("alice")) {
        assertEquals(text, m.get("text").getAsString());
        break;
      }
    }
    alice.received.clear();
    assertTrue(alice.isOpen() && bob.isOpen() && fuzzer.isOpen());
  }

  @Provide
  Arbitrary<String> randomText() {
    return Arbitraries.strings().ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> randomJson() {
    return json(3);
  }

  private Arbitrary<String> json(int depth) {
    Arbitrary<String> scalars = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(FuzzTest::quote),
        Arbitraries.of("type", "name", "login", "offer", "candidate", "chat", "find").map(FuzzTest::quote),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of("true", "false", "null", "1e999", "-0", "12345678901234567890123"));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> member = Combinators.combine(
        Arbitraries.oneOf(Arbitraries.of("type", "name", "text", "offer", "answer", "candidate", "reason"),
            Arbitraries.strings().ofMaxLength(8)).map(FuzzTest::quote),
        json(depth - 1)).as((k, v) -> k + ":" + v);
    Arbitrary<String> object = member.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
    Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.oneOf(scalars, object, object, array);
  }

  @Provide
  Arbitrary<String> mutatedMessages() {
    Arbitrary<String> valid = Arbitraries.of(VALID);
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 200);
    Arbitrary<Character> ch = Arbitraries.chars().with('{', '}', '"', ':', ',', '[', ']', '\\', 'x', '0', ' ');
    Arbitrary<String> deleted = Combinators.combine(valid, position)
        .as((v, p) -> v.substring(0, p % v.length()) + v.substring(Math.min(v.length(), p % v.length() + 1)));
    Arbitrary<String> inserted = Combinators.combine(valid, position, ch)
        .as((v, p, c) -> v.substring(0, p % v.length()) + c + v.substring(p % v.length()));
    Arbitrary<String> truncated = Combinators.combine(valid, position).as((v, p) -> v.substring(0, p % v.length()));
    Arbitrary<String> retyped = Combinators.combine(valid, json(1))
        .as((v, replacement) -> v.replaceFirst(":\"[^\"]*\"", ":" + replacement));
    return Arbitraries.oneOf(deleted, inserted, truncated, retyped);
  }

  private static String quote(String s) {
    JsonObject holder = new JsonObject();
    holder.addProperty("s", s);
    String json = holder.toString();
    return json.substring(5, json.length() - 1);
  }
}
