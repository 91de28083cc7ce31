package dev.peerphone.app.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one browser-client page the way a person does (type, click), and reads back what the
 * page shows. Waits are Playwright {@code waitForFunction} polls with timeouts, never sleeps.
 */
final class WebPeer {
  static final Duration MEDIA = Duration.ofSeconds(30);
  static final Duration SHORT = Duration.ofSeconds(20);

  final String name;
  final Page page;
  private final List<String> consoleErrors = new ArrayList<>();

  WebPeer(Chromium chromium, WebServer server, String name) {
    this(chromium.newPage(server.origin()), server.clientUrl(), name);
  }

  /** The page at {@code url}, camera and microphone allowed for {@code origin}. */
  WebPeer(Chromium chromium, String origin, String url, String name) {
    this(chromium.newPage(origin), url, name);
  }

  /** The browser client opened at {@code url} in {@code page}, e.g. under another host name. */
  WebPeer(Page page, String url, String name) {
    this.name = name;
    this.page = page;
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        consoleErrors.add(m.text());
      }
    });
    page.onPageError(e -> consoleErrors.add("uncaught: " + e));
    page.navigate(url);
  }

  /** Signs in and waits until the page shows the signed-in view. */
  WebPeer signIn() {
    signInAs(name);
    waitFor(ClientScripts.SIGNED_IN_AS, name, SHORT);
    return this;
  }

  void signInAs(String who) {
    page.fill("#name", who);
    page.click("#login-btn");
  }

  String loginError() {
    waitFor("() => document.getElementById('login-error').textContent.length > 0", null, SHORT);
    return page.textContent("#login-error");
  }

  void call(String peer) {
    page.fill("#call-name", peer);
    page.click("#call-btn");
  }

  /** Clicks Call on the peer's row of the online list. */
  void callFromList(String peer) {
    page.click("#users li[data-name='" + peer + "'] button.call");
  }

  void accept(String peer) {
    page.click(ClientScripts.incoming(peer, "accept"), new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
  }

  void reject(String peer) {
    page.click(ClientScripts.incoming(peer, "reject"), new Page.ClickOptions().setTimeout(MEDIA.toMillis()));
  }

  void hangUp(String peer) {
    page.click(ClientScripts.tile(peer) + " .hangup");
  }

  /** Waits until the remote tile has rendered {@code frames} video frames and getStats counts them decoded. */
  long awaitVideoFrom(String peer, int frames) {
    waitFor(ClientScripts.TILE_FRAMES, List.of(peer, frames), MEDIA);
    waitFor(ClientScripts.DECODED_AT_LEAST, List.of(peer, frames), MEDIA);
    Object decoded = page.evaluate(ClientScripts.FRAMES_DECODED, peer);
    return ((Number) decoded).longValue();
  }

  /** What the page hears from {@code peer}: WebAudio's analyser on the remote tile's stream. */
  record Heard(double hz, double rms, long packets) {
    double dbfs() {
      return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }
  }

  private static final String ANALYSE = """
      async (p) => {
        const tile = [...document.querySelectorAll('.tile.remote')].find(x => x.dataset.peer === p);
        const stream = tile && tile.querySelector('audio').srcObject;
        if (!stream || stream.getAudioTracks().length === 0) return null;
        window.__ears = window.__ears || {};
        let ear = window.__ears[p];
        if (!ear || ear.stream !== stream) {
          const ctx = new AudioContext();
          await ctx.resume();
          const an = ctx.createAnalyser();
          an.fftSize = 8192;
          an.smoothingTimeConstant = 0;
          ctx.createMediaStreamSource(stream).connect(an);
          ear = window.__ears[p] = { ctx, an, stream };
        }
        const f = new Float32Array(ear.an.frequencyBinCount);
        ear.an.getFloatFrequencyData(f);
        let best = 1;
        for (let i = 2; i < f.length; i++) if (f[i] > f[best]) best = i;
        const t = new Float32Array(ear.an.fftSize);
        ear.an.getFloatTimeDomainData(t);
        let sum = 0;
        for (const v of t) sum += v * v;
        const packets = await window.peerphone.audioPackets(p);
        return { hz: best * ear.ctx.sampleRate / ear.an.fftSize, rms: Math.sqrt(sum / t.length), packets };
      }""";

  /** One look at what is heard from {@code peer} now (null before its audio arrives). */
  Heard heard(String peer) {
    Object r = page.evaluate(ANALYSE, peer);
    if (!(r instanceof java.util.Map<?, ?> m)) {
      return null;
    }
    return new Heard(((Number) m.get("hz")).doubleValue(), ((Number) m.get("rms")).doubleValue(),
        ((Number) m.get("packets")).longValue());
  }

  /**
   * Polls (every 50 ms) until {@code peer}'s audio is a tone of {@code hz} (±15 Hz) louder than
   * -40 dBFS; returns how long that took, fails with the last reading after {@code timeout}.
   */
  long awaitTone(String peer, double hz, Duration timeout) {
    long t0 = System.nanoTime();
    Heard last = null;
    while (System.nanoTime() - t0 < timeout.toNanos()) {
      last = heard(peer);
      if (last != null && Math.abs(last.hz() - hz) <= 15 && last.dbfs() > -40) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
      page.waitForTimeout(50);
    }
    throw new AssertionError(name + " did not hear " + hz + " Hz from " + peer + " within " + timeout + "; last: " + last);
  }

  /**
   * Polls until audio packets from {@code peer} keep arriving and yet what plays is silence
   * (below -60 dBFS) for a whole second; fails with the last reading after {@code timeout}.
   */
  Heard awaitSilence(String peer, Duration timeout) {
    long t0 = System.nanoTime();
    long quietSince = -1;
    long packetsAtQuiet = 0;
    Heard last = null;
    while (System.nanoTime() - t0 < timeout.toNanos()) {
      last = heard(peer);
      if (last != null && last.dbfs() < -60 && last.packets() > 0) {
        if (quietSince < 0) {
          quietSince = System.nanoTime();
          packetsAtQuiet = last.packets();
        } else if (System.nanoTime() - quietSince > 1_000_000_000L && last.packets() > packetsAtQuiet + 20) {
          return last;
        }
      } else {
        quietSince = -1;
      }
      page.waitForTimeout(50);
    }
    throw new AssertionError(name + " did not hear silence (with packets flowing) from " + peer + "; last: " + last);
  }

  void awaitChatOpen(String peer) {
    waitFor(ClientScripts.CHAT_OPEN, peer, MEDIA);
  }

  /** Types into the chat box and sends to {@code peer}. */
  void say(String peer, String text) {
    page.selectOption("#chat-to", peer);
    page.fill("#chat-input", text);
    page.click("#chat-send");
  }

  /** Waits until a chat line from {@code from} reads exactly {@code text} (as text). */
  void awaitChat(String from, String text) {
    waitFor(ClientScripts.CHAT_LINE, List.of(from, text), MEDIA);
  }

  void awaitNote(String text) {
    waitFor("t => [...document.querySelectorAll('#chat-log .msg.note')].some(m => m.textContent.includes(t))", text, MEDIA);
  }

  /** Waits until the page has no call with {@code peer} left and its tile is gone. */
  void awaitNoCall(String peer, Duration timeout) {
    waitFor(ClientScripts.NO_CALL, peer, timeout);
  }

  void awaitCameraOff(String peer, boolean off) {
    waitFor("([p, off]) => { const t = [...document.querySelectorAll('.tile.remote')].find(x => x.dataset.peer === p);"
        + " return t && t.querySelector('.camera-off').hidden === !off; }", List.of(peer, off), MEDIA);
  }

  void awaitIncoming(String peer) {
    page.waitForSelector(ClientScripts.ring(peer), new Page.WaitForSelectorOptions().setTimeout(MEDIA.toMillis()));
  }

  void awaitUser(String user, String status) {
    waitFor(ClientScripts.USER_STATUS, List.of(user, status), MEDIA);
  }

  String status(String which) {
    return page.textContent("#status-" + which);
  }

  void screenshot(Path file) {
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
  }

  List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  void waitFor(String js, Object arg, Duration timeout) {
    page.waitForFunction(js, arg, new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()).setPollingInterval(100));
  }

  static void assertAtLeast(long min, long actual, String what) {
    assertTrue(actual >= min, what + ": " + actual + " < " + min);
  }
}
