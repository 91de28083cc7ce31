package dev.peerphone.app.interop;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Serves the classic-tutorial fixture page ({@code interop/classic.html}, inline script as those
 * tutorials have it) from its own origin on a free port, so it runs without our page's CSP.
 */
final class ClassicPageServer implements AutoCloseable {
  private final HttpServer http;

  ClassicPageServer() {
    byte[] page;
    try (InputStream in = ClassicPageServer.class.getResourceAsStream("/interop/classic.html")) {
      page = in.readAllBytes();
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(page);
        }
      }
    });
    http.start();
  }

  String origin() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
