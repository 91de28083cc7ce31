package dev.peerphone.signaling.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Resume tokens (PROTOCOL, Resuming): 144 random bits from {@link SecureRandom}, base64url
 * without padding. A token is a secret of one client: it goes only into that client's login
 * reply, is compared in constant time, and is never relayed, listed or logged.
 */
final class ResumeTokens {
  private static final int BYTES = 18;
  private final SecureRandom random;

  ResumeTokens(SecureRandom random) {
    this.random = random;
  }

  String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code presented} is {@code expected}; false when either is missing. */
  static boolean matches(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
