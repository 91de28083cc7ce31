package dev.peerphone.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One fuzz connection on a plain blocking socket bound to its own loopback source address: writes
 * whatever bytes a case builds and reads the server's frames, checking each reply
 * ({@link Replies}) and telling how the connection ended. Used by one worker thread at a time.
 */
final class FuzzSocket implements AutoCloseable {
  /** How a read ended: the barrier answered, a close frame (then a clean EOF or not), or worse. */
  enum End { PONG, CLOSE_CLEAN, CLOSE_THEN_RESET, CLOSE_NO_EOF, EOF, RESET, TIMEOUT }

  /**
   * What {@link #readUntil} saw; {@code closeCode} is -1 without a close frame; {@code strikes}
   * counts the error replies the server counts against the strike limit.
   */
  record Outcome(End end, int closeCode, int replies, int strikes) {
    Outcome(End end, int closeCode, int replies) {
      this(end, closeCode, replies, 0);
    }
  }

  static final String REQUEST_TAIL = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  private final Socket socket = new Socket();
  private final Target target;
  private final boolean httpPort;
  private final Replies replies;
  private DataInputStream in;
  private OutputStream out;

  FuzzSocket(Target target, boolean httpPort, InetAddress local, int timeoutMs, Replies replies)
      throws IOException {
    this.target = target;
    this.httpPort = httpPort;
    this.replies = replies;
    socket.setReuseAddress(true);
    socket.setTcpNoDelay(true);
    socket.bind(new InetSocketAddress(local, 0));
    socket.connect(new InetSocketAddress(target.host(), httpPort ? target.httpPort() : target.wsPort()), timeoutMs);
    socket.setSoTimeout(timeoutMs);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
    out = socket.getOutputStream();
  }

  /** The upgrade request a browser would send: {@code /} on the WebSocket port, {@code /ws} on the HTTP port. */
  byte[] upgradeRequest() {
    int port = httpPort ? target.httpPort() : target.wsPort();
    return ("GET " + (httpPort ? "/ws" : "/") + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + REQUEST_TAIL)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Sends the upgrade and reads the response head: true on 101. Otherwise the status is counted
   * ({@code http.<status>}, and a 503's cause under {@code refused.*}) and the stream read to its end.
   */
  boolean handshake() throws IOException {
    write(upgradeRequest());
    String head = readHead();
    if (head.startsWith("HTTP/1.1 101")) {
      return true;
    }
    replies.httpResponse(head, drain());
    return false;
  }

  /** The response head (through the blank line); "" when the server closed without one. */
  String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(256);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whatever else the server sends until it ends the stream (a body), as text, at most 4 KiB kept. */
  String drain() {
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (rest.size() < 4096) {
          rest.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // what arrived before is what counts
    }
    return rest.toString(StandardCharsets.UTF_8);
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Socket socket() {
    return socket;
  }

  /** A control ping carrying {@code payload}: the barrier after a case (legal even mid-fragment). */
  static byte[] barrier(byte[] payload) {
    return Frames.data(Frames.PING, payload);
  }

  /**
   * Reads frames (checking every text reply) until the control pong that echoes {@code barrier}
   * (null: none, read to the close), a close frame (then how the stream ended), an end of
   * stream, a reset or the timeout.
   */
  Outcome readUntil(byte[] barrier) {
    return readUntil(barrier, null);
  }

  /**
   * A text barrier: a message of an unknown type named {@code marker}. The server answers it
   * with {@code unknown-type} through the same queue as every message before it, so once that
   * error arrives every earlier message's reply (and strike) has arrived too — unlike the pong
   * of a control ping, which the selector thread sends at once.
   */
  static byte[] textBarrier(String marker) {
    return Frames.text("{\"type\":\"" + marker + "\"}");
  }

  /** As {@link #readUntil(byte[])}, or until the error answering {@link #textBarrier(String) marker}. */
  Outcome readUntil(byte[] barrier, String marker) {
    int count = 0;
    int strikes = 0;
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
          len = in.readUnsignedShort();
        } else if (len == 127) {
          len = in.readLong();
        }
        int opcode = b0 & 0x0f;
        if ((b1 & 0x80) != 0 || (b0 & 0x70) != 0 || len < 0 || len > 1 << 20
            || (opcode != Frames.TEXT && opcode != Frames.CLOSE && opcode != Frames.PING && opcode != Frames.PONG)) {
          replies.badFrame("server frame: byte0 " + b0 + " byte1 " + b1 + " length " + len);
          return new Outcome(End.RESET, -1, count);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        if (opcode == Frames.TEXT) {
          count++;
          String type = replies.check(payload);
          if (type != null && type.startsWith("error:") && Replies.STRIKES.contains(type.substring(6))) {
            strikes++;
            if (marker != null && type.equals("error:unknown-type")
                && new String(payload, StandardCharsets.UTF_8).contains(": " + marker + "\"")) {
              return new Outcome(End.PONG, -1, count, strikes);
            }
          }
        } else if (opcode == Frames.PONG && barrier != null && java.util.Arrays.equals(payload, barrier)) {
          return new Outcome(End.PONG, -1, count, strikes);
        } else if (opcode == Frames.CLOSE) {
          int code = payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
          replies.close(code);
          return new Outcome(afterClose(), code, count, strikes);
        }
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(End.TIMEOUT, -1, count);
    } catch (EOFException e) {
      return new Outcome(End.EOF, -1, count);
    } catch (IOException e) {
      return new Outcome(End.RESET, -1, count);
    }
  }

  /** After the server's close frame: its stream must end cleanly (the graceful close). */
  private End afterClose() {
    try {
      byte[] rest = new byte[4096];
      while (in.read(rest) >= 0) {
        // frames after a close frame are ignored, as a client does
      }
      return End.CLOSE_CLEAN;
    } catch (SocketTimeoutException e) {
      return End.CLOSE_NO_EOF;
    } catch (IOException e) {
      return End.CLOSE_THEN_RESET;
    }
  }

  /** Ends a connection the server kept open: close 1000, then wait for its close frame and EOF. */
  Outcome closeNormally() {
    try {
      write(Frames.close(1000, new byte[0]));
    } catch (IOException e) {
      return new Outcome(End.RESET, -1, 0);
    }
    return readUntil(null);
  }

  /** Ends with a reset (SO_LINGER 0), as a crashed or killed client does. */
  void reset() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
