package dev.peerphone.app.interop;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.PulseServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Microphone-switch benchmark: how long after a mid-call switch the other side hears the new
 * microphone, side by side in one run on one throwaway PulseAudio server (Mic B 880 Hz / Mic C
 * 1320 Hz):
 * <ol>
 *   <li>Peerphone: a {@code ./peerphone headless} peer gets {@code mic NAME} on stdin (our
 *       sound-server stream move); a Chromium page listens;</li>
 *   <li>anchor: a Chromium page on the same sound server picks the other microphone in the
 *       browser client's dropdown (getUserMedia + replaceTrack, what web apps do); another
 *       Chromium page listens.</li>
 * </ol>
 * Both are timed from the command to the listener's WebAudio analyser showing the new tone, so
 * both include the same ear (~0.2 s). Not a test; run by {@code bench/audio/run.sh}. Prints one
 * JSON line. Usage: {@code AudioSwitchBench [switches]}
 */
public final class AudioSwitchBench {
  private AudioSwitchBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    JsonObject out = new JsonObject();
    try (PulseServer pulse = PulseServer.start()) {
      out.add("peerphone", stats(peerphone(pulse, n)));
      out.add("chromium", stats(chromium(pulse, n)));
    }
    out.addProperty("switches", n);
    System.out.println(out);
    System.exit(0);
  }

  private static List<Long> peerphone(PulseServer pulse, int n) {
    List<Long> ms = new ArrayList<>();
    try (WebServer server = new WebServer(); Chromium chromium = new Chromium(
        List.of("--autoplay-policy=no-user-gesture-required", "--mute-audio"))) {
      HeadlessProcess java = server.headlessWithAudio(pulse.env(), "java", "--mic", "Mic B");
      WebPeer ear = new WebPeer(chromium, server, "ear").signIn();
      ear.call("java");
      java.await("call-connected", WebPeer.MEDIA);
      ear.awaitTone("java", 880, WebPeer.MEDIA);
      for (int i = 0; i < n; i++) {
        boolean toC = i % 2 == 0;
        long t0 = System.nanoTime();
        java.command(toC ? "mic Mic C" : "mic Mic B");
        ear.awaitTone("java", toC ? 1320 : 880, Duration.ofSeconds(10));
        ms.add((System.nanoTime() - t0) / 1_000_000);
      }
    }
    return ms;
  }

  private static List<Long> chromium(PulseServer pulse, int n) {
    List<Long> ms = new ArrayList<>();
    try (WebServer server = new WebServer();
        Chromium real = new Chromium(List.of("--autoplay-policy=no-user-gesture-required"), pulse.env(), false);
        Chromium ears = new Chromium(List.of("--autoplay-policy=no-user-gesture-required", "--mute-audio"))) {
      WebPeer talker = new WebPeer(real, server, "talker").signIn();
      WebPeer ear = new WebPeer(ears, server, "ear").signIn();
      talker.waitFor("() => [...document.querySelectorAll('#mic option')].some(o => o.textContent === 'Mic C')", null,
          WebPeer.MEDIA);
      talker.page.selectOption("#mic", new com.microsoft.playwright.options.SelectOption().setLabel("Mic B"));
      ear.call("talker");
      talker.accept("ear");
      ear.awaitTone("talker", 880, WebPeer.MEDIA);
      for (int i = 0; i < n; i++) {
        boolean toC = i % 2 == 0;
        long t0 = System.nanoTime();
        talker.page.selectOption("#mic", new com.microsoft.playwright.options.SelectOption().setLabel(toC ? "Mic C" : "Mic B"));
        ear.awaitTone("talker", toC ? 1320 : 880, Duration.ofSeconds(10));
        ms.add((System.nanoTime() - t0) / 1_000_000);
      }
    }
    return ms;
  }

  private static JsonObject stats(List<Long> ms) {
    List<Long> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    JsonObject o = new JsonObject();
    o.addProperty("medianMs", sorted.get(sorted.size() / 2));
    o.addProperty("p90Ms", sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9))));
    o.addProperty("minMs", sorted.get(0));
    o.addProperty("maxMs", sorted.get(sorted.size() - 1));
    return o;
  }
}
