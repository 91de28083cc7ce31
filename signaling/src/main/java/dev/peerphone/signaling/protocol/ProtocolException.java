package dev.peerphone.signaling.protocol;

/** Bad input from a client: carries the typed error the client is answered with. */
public final class ProtocolException extends Exception {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false); // thrown per bad message: no stack trace needed
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
