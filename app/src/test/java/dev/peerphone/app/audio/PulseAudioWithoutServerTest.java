package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import dev.peerphone.app.testing.PulseServer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No sound server, one that never answers, or one that goes away: connect gives up in time and
 * nothing is left running or hanging (webrtc-java's own Pulse enumeration hangs forever here). Its own JVM (surefire forks
 * per class), so pointing this process's {@code PULSE_SERVER} at nothing harms no other test.
 */
class PulseAudioWithoutServerTest {
  @Test
  void connectReturnsEmptyAtOnceWhenPulseServerPointsAtNothing() {
    setenv("PULSE_SERVER", "unix:/nonexistent/peerphone/native");
    long t0 = System.nanoTime();
    Optional<AudioServer> audio = PulseAudio.connect("peerphone-test");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("no server: connect gave up after %d ms%n", ms);
    assertTrue(audio.isEmpty());
    assertTrue(ms < 2500, ms + " ms");
    assertEquals(0, clientThreadsAfterJoin());
  }

  @Test
  void connectGivesUpWithinTheTimeoutWhenTheServerNeverAnswers() throws Exception {
    Path dir = Files.createTempDirectory("pp-mute");
    Path socket = dir.resolve("native");
    // Listens (so the kernel completes the connection) but never accepts or answers.
    try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      mute.bind(UnixDomainSocketAddress.of(socket));
      long t0 = System.nanoTime();
      Optional<PulseAudio> audio = PulseAudio.connect("peerphone-test", "unix:" + socket, Duration.ofSeconds(2));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("silent server: connect gave up after %d ms%n", ms);
      assertTrue(audio.isEmpty());
      assertTrue(ms >= 1900 && ms < 3000, ms + " ms");
      assertEquals(0, clientThreadsAfterJoin());
    } finally {
      Files.deleteIfExists(socket);
      Files.delete(dir);
    }
  }

  @Test
  void aServerThatGoesAwayLeavesNoDevicesAndTellsTheListener() throws Exception {
    CountDownLatch lost = new CountDownLatch(1);
    PulseAudio audio;
    try (PulseServer pulse = PulseServer.start()) {
      audio = PulseAudio.connect("peerphone-test", pulse.server(), Duration.ofSeconds(2)).orElseThrow();
      assertEquals(3, audio.microphones().size());
      // The dying daemon first unloads its devices (ordinary change events), then hangs up.
      audio.addDevicesListener(() -> {
        if (audio.describe().endsWith("(disconnected)")) {
          lost.countDown();
        }
      });
    }
    assertTrue(lost.await(2, TimeUnit.SECONDS), "listener not told");
    assertTrue(audio.microphones().isEmpty() && audio.speakers().isEmpty() && audio.defaultMicrophone().isEmpty());
    audio.close();
    assertEquals(0, clientThreadsAfterJoin());
  }

  private static void setenv(String name, String value) {
    NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {name, value, 1});
  }

  /** Live "pulse-client" threads after giving each up to 2 s to end. */
  private static long clientThreadsAfterJoin() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("pulse-client"))
        .filter(t -> {
          try {
            t.join(2000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return t.isAlive();
        }).count();
  }
}
