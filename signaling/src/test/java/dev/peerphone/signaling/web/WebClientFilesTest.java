package dev.peerphone.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Static checks on the browser client's files: everything the page loads exists in the jar, and
 * nothing needs what the Content-Security-Policy forbids (inline scripts, inline styles, event
 * handler attributes) or turns text into markup. Real behaviour is tested in Chromium
 * (app/src/test/java/dev/peerphone/app/interop).
 */
class WebClientFilesTest {
  private static final String ROOT = "dev/peerphone/signaling/web/";
  private static final List<String> MODULES = List.of("app.js", "signaling.js", "call.js", "media.js", "ui.js", "ice.js",
      "devices.js", "diagnostics.js", "peerjs.js", "peerjs-conn.js", "peerjs-data.js", "binarypack.js");

  private static String read(String file) throws IOException {
    try (InputStream in = WebClientFilesTest.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      assertNotNull(in, "missing web resource " + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void indexHasNoInlineScriptStyleOrEventHandlers() throws IOException {
    String html = read("index.html");
    Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertTrue(scripts.group(1).contains("src="), "script without src: " + scripts.group());
      assertEquals("", scripts.group(2).trim(), "inline script body");
    }
    assertTrue(count > 0);
    assertFalse(html.contains("<style"), "inline <style>");
    assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "style attribute");
    assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "event handler attribute");
  }

  @Test
  void everythingThePageLoadsIsPackaged() throws IOException {
    Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(read("index.html"));
    while (refs.find()) {
      read(refs.group(1));
    }
    Pattern imports = Pattern.compile("from '\\./([^']+)'");
    for (String module : MODULES) {
      Matcher m = imports.matcher(read(module));
      while (m.find()) {
        read(m.group(1));
      }
    }
  }

  @Test
  void scriptsNeverTurnTextIntoMarkupOrCode() throws IOException {
    for (String module : MODULES) {
      String js = read(module);
      for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
        assertFalse(js.contains(banned), module + " uses " + banned);
      }
    }
  }

  /**
   * Without a secure context (plain http from another machine) there is no
   * {@code navigator.mediaDevices}: only media.js may touch it, behind {@code hasMediaApi()}
   * (the page's behaviour there is tested in BrowserInsecureContextTest).
   */
  @Test
  void onlyMediaJsTouchesTheMediaApi() throws IOException {
    for (String module : MODULES) {
      String js = read(module);
      for (String api : List.of("mediaDevices", "setSinkId", "getUserMedia", "enumerateDevices")) {
        assertTrue(module.equals("media.js") || !js.contains(api), module + " uses " + api + " (only media.js may, guarded)");
      }
    }
    assertTrue(read("media.js").contains("export function hasMediaApi("));
  }
}
