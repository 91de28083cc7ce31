package dev.peerphone.app.cli;

import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Tests of {@code ./peerphone headless} processes on a fresh server, all stopped after each test. */
abstract class HeadlessProcesses {
  static final Duration CONNECT = Duration.ofSeconds(30);
  final TestServer server = new TestServer();
  final List<HeadlessProcess> procs = new ArrayList<>();

  @AfterEach
  void stopProcesses() {
    procs.forEach(HeadlessProcess::close);
    server.close();
  }

  /** A headless peer with test-pattern video and silence, once it has logged in. */
  HeadlessProcess start(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server", server.uri().toString(), "--name", name,
        "--fake-video", "--fake-audio"));
    args.addAll(List.of(extra));
    HeadlessProcess p = new HeadlessProcess(name, args);
    procs.add(p);
    p.await("logged-in", CONNECT);
    return p;
  }
}
