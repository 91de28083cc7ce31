package dev.peerphone.app.interop;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One page in {@link Firefox}: the few Playwright-like actions the interop tests use. Scripts
 * are JavaScript function sources called with one JSON argument; waits poll every 100 ms in the
 * driver, with a timeout, never sleeps. Use from the test thread only.
 */
final class FirefoxPage {
  private static final Gson GSON = new Gson();
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private final Firefox firefox;
  private final int id;

  FirefoxPage(Firefox firefox, int id) {
    this.firefox = firefox;
    this.id = id;
  }

  private JsonObject args(String key, Object value) {
    JsonObject a = new JsonObject();
    a.addProperty("page", id);
    if (key != null) {
      a.add(key, GSON.toJsonTree(value));
    }
    return a;
  }

  /** {@code fn(arg)} in the page, its (awaited) result as JSON. */
  JsonElement evaluate(String fn, Object arg) {
    JsonObject a = args("fn", fn);
    a.add("arg", GSON.toJsonTree(arg));
    return firefox.request("evaluate", a, MARGIN);
  }

  /** Waits until {@code fn(arg)} is truthy; fails with the last value after {@code timeout}. */
  void waitFor(String fn, Object arg, Duration timeout) {
    JsonObject a = args("fn", fn);
    a.add("arg", GSON.toJsonTree(arg));
    a.addProperty("timeout", timeout.toMillis());
    firefox.request("waitFor", a, timeout.plus(MARGIN));
  }

  /** Clicks the element once it is there, visible and enabled (like a person would). */
  void click(String selector, Duration timeout) {
    JsonObject a = args("selector", selector);
    a.addProperty("timeout", timeout.toMillis());
    firefox.request("click", a, timeout.plus(MARGIN));
  }

  /** Replaces the text of an input by typing {@code value}. */
  void fill(String selector, String value) {
    JsonObject a = args("selector", selector);
    a.addProperty("value", value);
    firefox.request("fill", a, MARGIN.plus(MARGIN));
  }

  void select(String selector, String value) {
    JsonObject a = args("selector", selector);
    a.addProperty("value", value);
    firefox.request("select", a, MARGIN);
  }

  void screenshot(Path file) {
    firefox.request("screenshot", args("path", file.toAbsolutePath().toString()), MARGIN);
  }

  /** Console errors and uncaught exceptions so far. */
  List<String> errors() {
    return firefox.errors(id);
  }

  void close() {
    firefox.request("close", args(null, null), MARGIN);
  }
}
