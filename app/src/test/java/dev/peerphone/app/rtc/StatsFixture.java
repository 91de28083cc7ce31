package dev.peerphone.app.rtc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code getStats()} report captured from a real call (test resources {@code stats/*.json}):
 * each attribute is stored with the Java class webrtc-java gave its value (Long, BigInteger,
 * Integer, Double, Boolean, String), and is rebuilt with that class, so the parser sees what
 * it sees in a call. Reports can be edited before parsing ({@link #set}, {@link #remove}).
 */
final class StatsFixture {
  final long timestamp;
  final Map<String, String> types = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> attributes = new LinkedHashMap<>();

  private StatsFixture(long timestamp) {
    this.timestamp = timestamp;
  }

  static StatsFixture load(String resource) {
    try (Reader r = new InputStreamReader(StatsFixture.class.getResourceAsStream("/stats/" + resource), StandardCharsets.UTF_8)) {
      JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
      StatsFixture f = new StatsFixture(root.get("reportTimestamp").getAsLong());
      for (JsonElement e : root.getAsJsonArray("stats")) {
        JsonObject s = e.getAsJsonObject();
        String id = s.get("id").getAsString();
        f.types.put(id, s.get("type").getAsString());
        Map<String, Object> attrs = new HashMap<>();
        for (Map.Entry<String, JsonElement> a : s.getAsJsonObject("attributes").entrySet()) {
          JsonObject v = a.getValue().getAsJsonObject();
          attrs.put(a.getKey(), value(v.get("t").getAsString(), v.get("v").getAsString()));
        }
        f.attributes.put(id, attrs);
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(String type, String v) {
    return switch (type) {
      case "Long" -> Long.valueOf(v);
      case "Integer" -> Integer.valueOf(v);
      case "BigInteger" -> new BigInteger(v);
      case "Double" -> Double.valueOf(v);
      case "Boolean" -> Boolean.valueOf(v);
      case "null" -> null;
      default -> v; // String, and maps/arrays the parser does not read
    };
  }

  /** The id of the only stats object of {@code type} whose {@code attribute} is {@code value}. */
  String find(String type, String attribute, Object value) {
    return types.entrySet().stream()
        .filter(t -> t.getValue().equals(type) && value.equals(attributes.get(t.getKey()).get(attribute)))
        .map(Map.Entry::getKey).reduce((a, b) -> {
          throw new IllegalStateException("several " + type + " with " + attribute + "=" + value);
        }).orElseThrow();
  }

  StatsFixture set(String id, String attribute, Object value) {
    attributes.get(id).put(attribute, value);
    return this;
  }

  StatsFixture remove(String id, String attribute) {
    attributes.get(id).remove(attribute);
    return this;
  }

  /** The report as webrtc-java delivers it: stats by id. */
  Map<String, RTCStats> report() {
    Map<String, RTCStats> map = new HashMap<>();
    for (Map.Entry<String, String> t : types.entrySet()) {
      RTCStatsType type = t.getValue().equals("null") ? null : RTCStatsType.valueOf(t.getValue());
      map.put(t.getKey(), new RTCStats(timestamp, type, t.getKey(), new HashMap<>(attributes.get(t.getKey()))) { });
    }
    return map;
  }
}
