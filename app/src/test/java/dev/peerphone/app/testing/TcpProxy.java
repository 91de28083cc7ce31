package dev.peerphone.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port, forwarding every connection to {@code target}; for tests of
 * a network path that dies silently. {@link #severSilently()} stops forwarding on the open
 * connections: the client's side is closed (its network changed, so the client notices), while
 * the server's side stays open and simply goes quiet, as a dead path looks to a server until its
 * pings go unanswered. New connections are forwarded as before.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
  private final List<Socket> all = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  /** Every byte forwarded from the server to clients, for tests that look at what was sent. */
  private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

  public TcpProxy(InetSocketAddress target) {
    this.target = target;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(this::acceptLoop, "tcp-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  /** A proxy for the WebSocket server at {@code uri} (ws://host:port/...). */
  public static TcpProxy to(URI uri) {
    return new TcpProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
  }

  /** {@code uri} with host and port replaced by this proxy's. */
  public URI uri(URI uri) {
    return URI.create(uri.getScheme() + "://127.0.0.1:" + listener.getLocalPort() + uri.getRawPath());
  }

  /**
   * Everything the server sent through this proxy so far, as ISO-8859-1 text: the frames of an
   * uncompressed {@code ws://} connection show their JSON as it is (the server's frames are not masked).
   */
  public String received() {
    synchronized (received) {
      return received.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /** Number of connections forwarded so far. */
  public int connections() {
    return pipes.size();
  }

  /** Stops forwarding on every open connection; closes their client side only (see class doc). */
  public void severSilently() {
    for (Pipe p : pipes) {
      p.severed = true;
      closeQuietly(p.client);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5000);
        all.add(client);
        all.add(server);
        Pipe p = new Pipe(client, server);
        pipes.add(p);
        pump(p, client, server, "tcp-proxy-up", null);
        pump(p, server, client, "tcp-proxy-down", received);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private static void pump(Pipe p, Socket from, Socket to, String name, java.io.ByteArrayOutputStream copy) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (p.severed) {
            continue; // the path is dead: bytes vanish, nobody is told
          }
          if (copy != null) {
            synchronized (copy) {
              copy.write(buf, 0, n);
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
        if (!p.severed) {
          to.shutdownOutput();
        }
      } catch (IOException e) {
        if (!p.severed) {
          closeQuietly(to);
        }
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : all) {
      closeQuietly(s);
    }
  }

  private static final class Pipe {
    final Socket client;
    final Socket server;
    volatile boolean severed;

    Pipe(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }
  }
}
