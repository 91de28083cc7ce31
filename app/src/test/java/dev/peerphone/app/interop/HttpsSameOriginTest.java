package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.net.LanAddress;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser client from another machine's point of view: Chromium opens
 * {@code https://peerphone.test:PORT/} (a name that resolves to this machine's LAN address, not
 * localhost), so only https makes it a secure context with a camera; the page signs in over its
 * own origin's {@code wss://…/ws} and calls a headless Java peer. The server's certificate is
 * its own self-signed one: the browser is told to accept it (as a person would, once), the Java
 * peer joins the same origin from the LAN address and trusts exactly that certificate
 * ({@code --trust-fingerprint}).
 */
class HttpsSameOriginTest {
  @TempDir
  Path dir;
  private SignalingServer server;
  private Chromium chromium;
  private HeadlessProcess java;

  @AfterEach
  void stop() {
    if (java != null) {
      java.close();
    }
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void pageOverHttpsFromALanNameGetsItsCameraSignsInOverSameOriginWssAndCallsTheJavaPeer() throws Exception {
    server = SignalingServer.start(ServerConfig.defaults().withPorts(0, 0).withSelfSignedTls(dir.resolve("tls")));
    String lan = LanAddress.find().orElseThrow();
    chromium = new Chromium(List.of("--host-resolver-rules=MAP peerphone.test " + lan, "--ignore-certificate-errors"));
    String origin = "https://peerphone.test:" + server.httpPort();

    java = new HeadlessProcess("java", List.of("--server", "wss://" + lan + ":" + server.httpPort() + "/ws",
        "--trust-fingerprint", server.tlsFingerprint(), "--name", "java", "--fake-video", "--fake-audio", "--echo"));
    java.await("logged-in", MEDIA);

    WebPeer web = new WebPeer(chromium, origin, "about:blank", "web");
    List<String> sockets = new CopyOnWriteArrayList<>();
    web.page.onWebSocket(ws -> sockets.add(ws.url()));
    web.page.navigate(origin + "/");
    assertEquals(true, web.page.evaluate("() => window.isSecureContext && !!navigator.mediaDevices"),
        "https makes the page a secure context with a camera");
    web.signIn();
    assertEquals(List.of("wss://peerphone.test:" + server.httpPort() + "/ws"), sockets, "signaling on the page's own origin");
    web.awaitUser("java", "available");

    web.call("java");
    java.await("incoming-call", e -> e.get("peer").getAsString().equals("web"), MEDIA);
    assertAtLeast(30, web.awaitVideoFrom("java", 30), "frames decoded in the browser");
    assertTrue(java.await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA).get("width").getAsInt() >= 160,
        "frames decoded at the Java peer");
    String seen = server.metricsText();
    assertTrue(seen.contains("peerphone_users 2"), seen);
  }
}
