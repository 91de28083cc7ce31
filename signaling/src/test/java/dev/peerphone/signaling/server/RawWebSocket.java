package dev.peerphone.signaling.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client on a plain socket that writes frames exactly as the test builds them (many
 * at once in one write, oversized ones) and reads the server's frames one by one, so a test sees
 * every reply, the close frame and whether the TCP stream then ends cleanly or is reset.
 */
final class RawWebSocket implements AutoCloseable {
  /** What the server sent until its close frame, and how the TCP stream ended after it. */
  record Transcript(List<JsonObject> messages, int closeCode, String closeReason, String end) {
    long count(String type, String code) {
      return messages.stream().filter(m -> m.get("type").getAsString().equals(type)
          && (code == null || code.equals(m.get("code").getAsString()))).count();
    }
  }

  private final Socket socket = new Socket();
  private final DataInputStream in;
  private final OutputStream out;

  RawWebSocket(URI uri) throws IOException {
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
    socket.setSoTimeout((int) TestClient.TIMEOUT_MS);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    out.write(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    String head = readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("no upgrade: " + head);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** One masked text frame (the client must mask). */
  static byte[] textFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x81);
    if (payload.length < 126) {
      f.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      f.write(0x80 | 126);
      f.write(payload.length >> 8);
      f.write(payload.length);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >> (8 * i)));
      }
    }
    byte[] mask = {0x12, 0x34, 0x56, 0x78};
    f.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      f.write(payload[i] ^ mask[i % 4]);
    }
    return f.toByteArray();
  }

  /** Writes these bytes in one go. */
  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Writes these bytes from another thread in chunks of {@code chunk} bytes, as a client's send
   * queue drains while it reads: the writes may go on after the server closed. A write error
   * after that (the server is gone) is expected and ignored; {@link #readUntilClose} tells.
   */
  void writeInBackground(byte[] bytes, int chunk) {
    Thread writer = new Thread(() -> {
      try {
        for (int off = 0; off < bytes.length; off += chunk) {
          out.write(bytes, off, Math.min(chunk, bytes.length - off));
          out.flush();
        }
      } catch (IOException e) {
        // the server closed: what it did before is what the reader checks
      }
    }, "raw-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** The next text message; fails on anything else. */
  JsonObject next() throws IOException {
    Frame f = readFrame();
    if (f.opcode != 1) {
      throw new IOException("expected a text frame, got opcode " + f.opcode);
    }
    return JsonParser.parseString(new String(f.payload, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  /** Reads every message up to the server's close frame, then how the stream ended. */
  Transcript readUntilClose() throws IOException {
    List<JsonObject> messages = new ArrayList<>();
    while (true) {
      Frame f = readFrame();
      if (f.opcode == 1) {
        messages.add(JsonParser.parseString(new String(f.payload, StandardCharsets.UTF_8)).getAsJsonObject());
      } else if (f.opcode == 8) {
        int code = f.payload.length >= 2 ? ((f.payload[0] & 0xff) << 8) | (f.payload[1] & 0xff) : 1005;
        String reason = f.payload.length > 2
            ? new String(f.payload, 2, f.payload.length - 2, StandardCharsets.UTF_8) : "";
        return new Transcript(messages, code, reason, end());
      }
    }
  }

  /** After the close frame: "eof" when the server ends the stream cleanly, else what happened. */
  private String end() {
    try {
      byte[] rest = new byte[8192];
      while (in.read(rest) >= 0) {
        // a server may send nothing more; anything is skipped
      }
      return "eof";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private record Frame(int opcode, byte[] payload) {}

  private Frame readFrame() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    if ((b1 & 0x80) != 0 || len > 1 << 20) {
      throw new IOException("server frame masked or too long: " + len);
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
