package dev.peerphone.signaling.cli;

import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import dev.peerphone.signaling.tls.TlsException;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code ./peerphone server}: runs the signaling server until killed. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(ServerOptions.HELP);
      return;
    }
    ServerConfig config;
    try {
      config = ServerOptions.parse(args);
    } catch (ServerOptions.UsageException e) {
      System.err.println("peerphone server: " + e.getMessage());
      System.err.println("Try ./peerphone server --help");
      System.exit(2);
      return;
    }
    SignalingServer server;
    try {
      server = SignalingServer.start(config);
    } catch (TlsException e) {
      System.err.println("peerphone server: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("peerphone server: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "peerphone-shutdown"));
    System.err.println("peerphone server: signaling on " + server.webSocketUri()
        + (server.httpPort() >= 0 ? ", browser client and " + server.sameOriginWebSocketUri() + " on "
            + server.httpUri() : ""));
    if (server.tlsFingerprint() != null) {
      System.err.println("peerphone server: TLS certificate SHA-256 fingerprint " + server.tlsFingerprint());
    }
    if (!config.turnUrls().isEmpty()) {
      System.err.println("peerphone server: TURN " + String.join(", ", config.turnUrls()) + ", credentials valid "
          + config.turnCredentialTtl().toSeconds() + " s" + (config.relayOnly()
          ? "; relay-only: clients send all media through TURN" : ""));
    }
    stopped.await();
  }
}
