package dev.peerphone.signaling.tls;

import java.io.IOException;

/** A certificate or key that cannot be used; the message says which file and why. */
public final class TlsException extends IOException {
  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
