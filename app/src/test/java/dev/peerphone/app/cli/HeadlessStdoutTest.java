package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.HeadlessProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code ./peerphone headless} writes nothing but JSON objects to stdout, from start through a call
 * to process exit; what native code prints to descriptor 1 goes to stderr. {@link HeadlessProcess}
 * parses every stdout line and fails on any other.
 */
class HeadlessStdoutTest extends HeadlessProcesses {
  @Test
  void everyStdoutLineIsJsonThroughACallAndExitAndNativeOutputGoesToStderr() throws Exception {
    HeadlessProcess bob = start("bob", "--echo");
    HeadlessProcess alice = start("alice", "--call", "bob", "--say", "hi");
    assertDescriptorOneIsStderr(bob);
    assertDescriptorOneIsStderr(alice);

    assertEquals("hi", bob.await("chat", CONNECT).get("text").getAsString());
    assertEquals("hi", alice.await("chat", CONNECT).get("text").getAsString(), "echoed back");
    alice.await("remote-video", e -> e.get("frames").getAsLong() >= 30, CONNECT);
    bob.await("remote-video", e -> e.get("frames").getAsLong() >= 30, CONNECT);

    // Native threads are alive at exit: this is when the library prints its attach failures.
    alice.command("quit");
    bob.command("quit");
    assertEquals(0, alice.waitForExit(Duration.ofSeconds(20)));
    assertEquals(0, bob.waitForExit(Duration.ofSeconds(20)));
    for (HeadlessProcess p : new HeadlessProcess[] {alice, bob}) {
      System.out.println("stderr lines of native origin: "
          + p.stderrLines().stream().filter(l -> l.contains("attach")).toList());
    }
  }

  @Test
  void aPeerEndedByItsDurationMidCallWritesOnlyJsonToo() throws Exception {
    HeadlessProcess bob = start("bob");
    HeadlessProcess alice = start("alice", "--call", "bob", "--duration", "6");
    bob.await("remote-video", CONNECT);
    assertEquals(0, alice.waitForExit(Duration.ofSeconds(30)));
    bob.await("call-ended", CONNECT);
  }

  /** On Linux, descriptor 1 of the peer is its stderr log; the JSON goes to a saved copy of stdout. */
  private static void assertDescriptorOneIsStderr(HeadlessProcess p) throws Exception {
    Path fd = Path.of("/proc/" + p.pid() + "/fd");
    Path one = Files.readSymbolicLink(fd.resolve("1"));
    Path two = Files.readSymbolicLink(fd.resolve("2"));
    assertEquals(two, one, "descriptor 1 redirected to stderr");
    boolean pipeKept = false;
    try (var fds = Files.list(fd)) {
      for (Path f : (Iterable<Path>) fds::iterator) {
        try {
          pipeKept |= !f.getFileName().toString().equals("0")
              && Files.readSymbolicLink(f).toString().startsWith("pipe:") && !f.getFileName().toString().equals("1");
        } catch (java.io.IOException gone) {
          // a descriptor closed while listing
        }
      }
    }
    assertTrue(pipeKept, "the JSON stdout pipe is held on another descriptor");
  }
}
