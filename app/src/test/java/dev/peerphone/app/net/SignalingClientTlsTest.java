package dev.peerphone.app.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.Signal;
import dev.peerphone.app.testing.TlsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real signaling client against the real server with a self-signed certificate (wss://). */
class SignalingClientTlsTest {
  @TempDir Path dir;
  private TlsServer server;
  private String fingerprint;
  private ServerTrust trust;

  @BeforeEach
  void start() {
    Path ks = TlsServer.keystore(dir, "server");
    fingerprint = TlsServer.fingerprint(ks);
    server = new TlsServer(ks);
    trust = new ServerTrust(new KnownServers(dir.resolve("known-servers")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Connects as {@code name}; returns the first thing the client reports ("down" for onDown). */
  private Object first(String name) throws InterruptedException {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    SignalingClient c = new SignalingClient(server.uri(), name, new SignalingClient.Listener() {
      @Override
      public void onSignal(Signal signal) {
        got.add(signal);
      }

      @Override
      public void onDown() {
        got.add("down");
      }
    }, trust);
    try {
      c.start();
      Object first = got.poll(20, TimeUnit.SECONDS);
      if (first instanceof Signal.Error) {
        assertNull(got.poll(1, TimeUnit.SECONDS), "one error, no retries");
      }
      return first;
    } finally {
      c.close();
    }
  }

  @Test
  void anUntrustedCertificateIsOneTypedErrorNamingTheFingerprintThenTheClientStops() throws Exception {
    Signal.Error e = assertInstanceOf(Signal.Error.class, first("alice"));
    assertEquals("untrusted-certificate", e.code());
    assertTrue(e.message().contains(fingerprint), e.message());
    assertFalse(Files.exists(dir.resolve("known-servers")));
  }

  @Test
  void aPinnedFingerprintConnectsAndOnlyForItsOwnPort() throws Exception {
    trust.pin("127.0.0.1", server.port() + 1, fingerprint);
    assertInstanceOf(Signal.Error.class, first("alice"), "pinned for another port");
    trust.pin("127.0.0.1", server.port(), fingerprint);
    assertEquals("alice", assertInstanceOf(Signal.LoggedIn.class, first("alice")).name());
  }

  @Test
  void aRememberedCertificateIsWrittenToTheFileAndTrustedByTheNextProcess() throws Exception {
    trust.remember(new ServerCertificate("127.0.0.1", server.port(), fingerprint, null));
    trust = new ServerTrust(new KnownServers(dir.resolve("known-servers"))); // as a new process would
    assertEquals("alice", assertInstanceOf(Signal.LoggedIn.class, first("alice")).name());
  }

  @Test
  void theRefusedCertificateIsKeptForAskingTheUser() throws Exception {
    first("alice");
    assertEquals(new ServerCertificate("127.0.0.1", server.port(), fingerprint, null),
        trust.lastRefused(server.uri()).orElseThrow());
  }
}
