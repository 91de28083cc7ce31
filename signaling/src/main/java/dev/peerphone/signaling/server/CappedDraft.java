package dev.peerphone.signaling.server;

import dev.peerphone.signaling.http.HttpResponse;
import dev.peerphone.signaling.http.HttpRoutes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.IncompleteHandshakeException;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 as the server speaks it, plus plain HTTP requests on the same port.
 *
 * <p>Frame cap: an oversized frame gets a {@code too-large} error and then close 1009.
 * Java-WebSocket closes with 1009 by itself but silently, and the draft cannot see its
 * connection, so the overflow is turned into a marker frame that {@link #processFrame} (which
 * does see the connection) answers.
 *
 * <p>Plain requests: Java-WebSocket only knows the upgrade handshake, so this draft reads any
 * request line itself and accepts ("matches") every well-formed request. A request that is not
 * a WebSocket upgrade — on the HTTP port, any request but an upgrade at {@code /ws} — is marked
 * plain; {@link WsTransport} then {@linkplain #answer answers} it, this draft writes that answer
 * instead of the {@code 101}, and the transport closes the connection once it is flushed, without
 * ever making it a session. Each connection has its own copy ({@link #copyInstance}).
 */
final class CappedDraft extends Draft_6455 {
  private static final String TOO_LARGE_MARKER = "\u0000peerphone-too-large";
  /** Request line plus headers; a longer request gets 431 (the library would buffer without end). */
  static final int MAX_REQUEST_HEAD = 8 * 1024;
  private final int maxFrameBytes;
  private final Consumer<WebSocket> onTooLarge;
  /** The HTTP port: only these paths are WebSockets ({@code /ws}, the PeerJS socket); null: any path. */
  private final Predicate<String> upgradePaths;
  private boolean overflowed;
  private final ClientFrames frames;
  private String method;
  private String target;
  private boolean plain;
  private HttpResponse answer;
  private String badRequest;
  private int badStatus;
  private String badStatusText;
  private Refusal badCause;

  /**
   * {@code onTooLarge} runs on the network thread; it must send the error and close with 1009.
   * {@code upgradePaths}: on the HTTP port, the paths that are WebSockets ({@code /ws}, the PeerJS
   * socket); null on the WebSocket port, where every path is.
   */
  CappedDraft(int maxFrameBytes, Consumer<WebSocket> onTooLarge, Predicate<String> upgradePaths) {
    super(Collections.emptyList(), List.of(new Protocol("")), maxFrameBytes);
    this.maxFrameBytes = maxFrameBytes;
    this.frames = new ClientFrames(maxFrameBytes);
    this.onTooLarge = onTooLarge;
    this.upgradePaths = upgradePaths;
  }

  @Override
  public Draft copyInstance() {
    return new CappedDraft(maxFrameBytes, onTooLarge, upgradePaths);
  }

  /** True when the request was not a WebSocket upgrade here: it needs an {@link #answer}. */
  boolean isPlainRequest() {
    return plain;
  }

  String method() {
    return method;
  }

  /** The request target as sent (path and query). */
  String target() {
    return target;
  }

  /** Answers the request with {@code response} instead of upgrading (also an upgrade request). */
  void answer(HttpResponse response) {
    answer = response;
  }

  /** True once {@link #answer} was called: the connection is closed after the response is flushed. */
  boolean answered() {
    return answer != null;
  }

  /** Why the request is malformed (answered 400), or null. */
  String badRequest() {
    return badRequest;
  }

  /** The error answer for a refused request (400, 413 or 431), or null when it is not refused. */
  HttpResponse rejection() {
    return badRequest == null ? null
        : HttpResponse.text(badStatus, badStatusText, badRequest + "\n", false);
  }

  /** The {@code /metrics} cause of the {@link #rejection}, or null (a plain 400). */
  Refusal rejectionCause() {
    return badCause;
  }

  @Override
  public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
    int start = buf.position();
    HandshakeImpl1Client request = new HandshakeImpl1Client();
    String line = readStringLine(buf);
    String[] parts = line == null ? null : line.split(" ", 3);
    if (parts != null && (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || !parts[1].startsWith("/"))) {
      return bad(buf, request, "Not an HTTP request");
    }
    if (parts != null) {
      request.setResourceDescriptor(parts[1]);
      for (line = readStringLine(buf); line != null && !line.isEmpty(); line = readStringLine(buf)) {
        String[] pair = line.split(":", 2);
        if (pair.length != 2) {
          return bad(buf, request, "Malformed header line");
        }
        String name = pair[0];
        String value = pair[1].strip();
        request.put(name, request.hasFieldValue(name) ? request.getFieldValue(name) + "; " + value : value);
      }
    }
    if (line == null && buf.limit() - start <= MAX_REQUEST_HEAD) { // the request head is not complete yet
      throw new IncompleteHandshakeException(Math.min(buf.capacity() + 1024, MAX_REQUEST_HEAD + 1024));
    }
    if (line == null || buf.position() - start > MAX_REQUEST_HEAD) {
      return bad(buf, request, 431, "Request Header Fields Too Large",
          "Request head larger than " + MAX_REQUEST_HEAD + " bytes", Refusal.HEAD_TOO_LARGE);
    }
    String length = request.getFieldValue("Content-Length").strip();
    boolean bodiless = parts[0].equals("GET") || parts[0].equals("HEAD"); // others get 405 anyway
    if (bodiless && !request.getFieldValue("Transfer-Encoding").isEmpty()) {
      return bad(buf, request, 400, "Bad Request", "No request here takes a body (Transfer-Encoding)",
          Refusal.BODY);
    }
    if (bodiless && !length.isEmpty()) {
      if (!length.matches("[0-9]{1,18}")) {
        return bad(buf, request, 400, "Bad Request", "Malformed Content-Length", Refusal.BODY);
      }
      if (Long.parseLong(length) > 0) {
        return bad(buf, request, 413, "Content Too Large", "No request here takes a body (Content-Length "
            + length + ")", Refusal.BODY);
      }
    }
    method = parts[0];
    target = parts[1];
    boolean upgrade = method.equals("GET") && parts[2].equals("HTTP/1.1") && basicAccept(request)
        && (upgradePaths == null || upgradePaths.test(HttpRoutes.path(target)));
    if (upgrade && request.getFieldValue("Sec-WebSocket-Key").isEmpty()) {
      return bad(buf, request, "WebSocket upgrade without Sec-WebSocket-Key");
    }
    if (!upgrade) {
      plain = true;
      buf.position(buf.limit()); // a body, or pipelined requests: dropped with the connection
    }
    return request;
  }

  /** A malformed request still "matches", so that it is answered (400) and closed like any other. */
  private Handshakedata bad(ByteBuffer buf, HandshakeImpl1Client request, String reason) {
    return bad(buf, request, 400, "Bad Request", reason, null);
  }

  private Handshakedata bad(ByteBuffer buf, HandshakeImpl1Client request, int status, String statusText,
      String reason, Refusal cause) {
    badStatus = status;
    badStatusText = statusText;
    badCause = cause;
    method = "GET";
    target = "/";
    plain = true;
    badRequest = reason;
    request.setResourceDescriptor("/");
    buf.position(buf.limit());
    return request;
  }

  @Override
  public HandshakeState acceptHandshakeAsServer(ClientHandshake handshake) throws InvalidHandshakeException {
    if (!plain && super.acceptHandshakeAsServer(handshake) != HandshakeState.MATCHED) {
      plain = true;
      badRequest = "Unsupported WebSocket version (13 only)";
      badStatus = 400;
      badStatusText = "Bad Request";
    }
    return HandshakeState.MATCHED;
  }

  @Override
  public HandshakeBuilder postProcessHandshakeResponseAsServer(ClientHandshake request,
      ServerHandshakeBuilder response) throws InvalidHandshakeException {
    if (answer != null) {
      return response; // not used: createHandshake writes the answer
    }
    if (plain) {
      throw new InvalidHandshakeException("plain request left unanswered");
    }
    return super.postProcessHandshakeResponseAsServer(request, response);
  }

  @Override
  public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
    if (answer != null) {
      return List.of(ByteBuffer.wrap(answer.encode()));
    }
    return super.createHandshake(handshake, withContent);
  }

  @Override
  public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
    if (overflowed || answer != null) {
      return List.of(); // the rest of an oversized frame, or bytes after a plain request: closing anyway
    }
    try {
      return frames.decode(buffer); // ours, not Draft_6455's (see ClientFrames)
    } catch (LimitExceededException e) {
      overflowed = true;
      TextFrame marker = new TextFrame();
      marker.setPayload(ByteBuffer.wrap(TOO_LARGE_MARKER.getBytes(StandardCharsets.UTF_8)));
      return List.of(marker);
    }
  }

  @Override
  public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
    if (overflowed && frame instanceof TextFrame) {
      onTooLarge.accept(connection);
      return;
    }
    super.processFrame(connection, frame);
  }
}
