package dev.peerphone.app.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.peerphone.app.call.Signal;
import dev.peerphone.app.testing.TlsServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate the platform's authorities vouch for connects without asking, with its host name
 * checked. The "platform" here is this JVM with a test CA as its trust store (each test class runs
 * in a fresh JVM, so the property does not leak).
 */
class CaSignedCertificateTest {
  @TempDir static Path dir;
  private static TlsServer server;

  @BeforeAll
  static void start() {
    TlsServer.CaSigned certs = TlsServer.caSigned(dir);
    System.setProperty("javax.net.ssl.trustStore", certs.trustStore().toString());
    System.setProperty("javax.net.ssl.trustStorePassword", TlsServer.PASSWORD);
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    server = new TlsServer(certs.serverKeystore());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Signal first(URI uri, ServerTrust trust) throws InterruptedException {
    BlockingQueue<Signal> got = new LinkedBlockingQueue<>();
    SignalingClient c = new SignalingClient(uri, "alice", new SignalingClient.Listener() {
      @Override
      public void onSignal(Signal signal) {
        got.add(signal);
      }

      @Override
      public void onDown() {
      }
    }, trust);
    try {
      c.start();
      return got.poll(20, TimeUnit.SECONDS);
    } finally {
      c.close();
    }
  }

  @Test
  void aCaSignedCertificateConnectsWithoutAskingOrRemembering() throws Exception {
    ServerTrust trust = new ServerTrust(new KnownServers(dir.resolve("known-servers")));
    assertEquals("alice", assertInstanceOf(Signal.LoggedIn.class, first(server.localhostUri(), trust)).name());
    assertFalse(Files.exists(dir.resolve("known-servers")));
  }

  @Test
  void aCaSignedCertificateForAnotherHostNameIsNotTrusted() throws Exception {
    ServerTrust trust = new ServerTrust(new KnownServers(dir.resolve("known-servers")));
    Signal.Error e = assertInstanceOf(Signal.Error.class, first(server.uri(), trust)); // 127.0.0.1, cert says localhost
    assertEquals("untrusted-certificate", e.code());
  }
}
