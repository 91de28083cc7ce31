package dev.peerphone.app.net;

import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 certificate fingerprints as people read them: upper-case hex pairs joined by colons
 * ({@code AB:CD:…}, 95 characters), the form browsers and {@code keytool -list -v} show.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * A fingerprint typed or pasted by a person in canonical form: 64 hex digits, any case, with or
   * without colons or spaces. Throws {@link IllegalArgumentException} saying what is expected.
   */
  public static String normalize(String text) {
    String hex = text == null ? "" : text.replaceAll("[:\\s]", "");
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits, colons optional): " + text);
    }
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
  }
}
