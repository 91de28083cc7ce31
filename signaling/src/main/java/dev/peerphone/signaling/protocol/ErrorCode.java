package dev.peerphone.signaling.protocol;

/** The typed error codes of PROTOCOL.md, with their wire spelling. */
public enum ErrorCode {
  INVALID_JSON("invalid-json"),
  INVALID_MESSAGE("invalid-message"),
  UNKNOWN_TYPE("unknown-type"),
  NOT_LOGGED_IN("not-logged-in"),
  UNKNOWN_USER("unknown-user"),
  RATE_LIMITED("rate-limited"),
  TOO_LARGE("too-large"),
  BINARY_NOT_SUPPORTED("binary-not-supported");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
