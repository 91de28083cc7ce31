package dev.peerphone.app.peerjs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the PeerJS test page and the npm package's own {@code peerjs.min.js} on a free loopback
 * port ({@code http://127.0.0.1} is a secure context, so the page may use the fake camera).
 */
public final class PeerJsPage implements AutoCloseable {
  private final HttpServer http;

  public PeerJsPage(Path fixture) throws IOException {
    Map<String, Path> files = Map.of(
        "/", fixture.resolve("page.html"),
        "/peerjs.min.js", fixture.resolve("node_modules/peerjs/dist/peerjs.min.js"));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.createContext("/", exchange -> {
      Path file = files.get(exchange.getRequestURI().getPath());
      try (exchange; OutputStream out = exchange.getResponseBody()) {
        if (file == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = Files.readAllBytes(file);
        exchange.getResponseHeaders().set("Content-Type",
            file.toString().endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        out.write(body);
      }
    });
    http.start();
  }

  public String origin() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
