package dev.peerphone.signaling.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side of the server (JDK's built-in server, https when TLS is configured):
 * {@code /healthz}, {@code /metrics}, and the browser client ({@link WebResources}) at {@code /}.
 */
public final class HttpEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  /** {@code webSocketPort} is written into the browser client's page so it finds the server. */
  public HttpEndpoint(String host, int port, SSLContext tls, Supplier<String> metrics, int webSocketPort)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    } else {
      server = HttpServer.create(address, 64);
    }
    server.createContext("/healthz", exchange ->
        respond(exchange, 200, "text/plain; charset=utf-8", "ok\n".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/metrics", exchange -> respond(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", metrics.get().getBytes(StandardCharsets.UTF_8)));
    WebResources web = new WebResources(webSocketPort);
    server.createContext("/", exchange -> {
      WebResources.Resource resource = web.find(exchange.getRequestURI().getPath());
      if (resource == null) {
        respond(exchange, 404, "text/plain; charset=utf-8", "Not found\n".getBytes(StandardCharsets.UTF_8));
      } else {
        exchange.getResponseHeaders().set("Content-Security-Policy", WebResources.CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        respond(exchange, 200, resource.contentType(), resource.bytes());
      }
    });
    executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread t = new Thread(runnable, "peerphone-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
