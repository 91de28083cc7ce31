package dev.peerphone.signaling.protocol;

import java.util.Locale;

/** The user-name rules of PROTOCOL.md: 1–32 letters, digits, '_', '-', '.' after trimming. */
public final class Names {
  public static final int MAX_LENGTH = 32;

  private Names() {}

  /** The trimmed name if valid, else {@code null}. */
  public static String validOrNull(String raw) {
    String name = raw.strip();
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (!(Character.isLetter(cp) || Character.isDigit(cp) || cp == '_' || cp == '-' || cp == '.')) {
        return null;
      }
      i += Character.charCount(cp);
    }
    return name;
  }

  /** The key names are compared by: case-insensitive, so "Bob" and "BOB" are one user. */
  public static String key(String name) {
    return name.strip().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
