package dev.peerphone.app.interop;

import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The real embedded signaling server on free ports, WebSocket and HTTP (which serves the browser client). */
final class WebServer implements AutoCloseable {
  private SignalingServer server;
  private final ServerConfig config;
  private final List<HeadlessProcess> peers = new ArrayList<>();
  private final int wsPort;
  private final int httpPort;

  WebServer() {
    this(ServerConfig.defaults());
  }

  /** With {@code config}'s options (TURN, relay-only, ...) on free ports. */
  WebServer(ServerConfig config) {
    this.config = config;
    server = start(0, 0);
    wsPort = server.port();
    httpPort = server.httpPort();
  }

  private SignalingServer start(int wsPort, int httpPort) {
    try {
      return SignalingServer.start(config.withPorts(wsPort, httpPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops every connection and starts a new server on the same ports (clients must reconnect). */
  void restart() {
    server.close();
    server = start(wsPort, httpPort);
  }

  /** The page's own origin (loopback is fine for HTTP; WebRTC itself uses the non-loopback interface). */
  String origin() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The one-origin HTTP port (the browser client, and PeerJS pages' PeerServer at {@code /peerjs}). */
  int httpPort() {
    return httpPort;
  }

  URI wsUri() {
    return URI.create("ws://127.0.0.1:" + wsPort + "/");
  }

  /** The browser client, which signs in over its own origin's {@code /ws} (Java peers use {@link #wsUri}). */
  String clientUrl() {
    return origin() + "/";
  }

  /**
   * Starts a {@code ./peerphone headless} peer (synthetic media) logged in to this server; it
   * is stopped by {@link #close}.
   */
  HeadlessProcess headless(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--fake-audio"));
    args.addAll(List.of(extra));
    return headlessWithAudio(java.util.Map.of(), name, args.toArray(String[]::new));
  }

  /**
   * A headless peer with the test pattern and real audio devices from the sound server named in
   * {@code env} ({@code PULSE_SERVER}; a socket that does not exist means no audio server).
   */
  HeadlessProcess headlessWithAudio(java.util.Map<String, String> env, String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server", wsUri().toString(), "--name", name, "--fake-video"));
    args.addAll(List.of(extra));
    HeadlessProcess peer = new HeadlessProcess(name, args, env);
    peers.add(peer);
    peer.await("logged-in", WebPeer.MEDIA);
    return peer;
  }

  @Override
  public void close() {
    peers.forEach(HeadlessProcess::close);
    server.close();
  }
}
