package dev.peerphone.signaling.protocol;

/**
 * A strict (RFC 8259) single-pass JSON validator that reports the top-level object's members
 * as they pass: string values decoded, every other value as its exact span of the input. The
 * decoder needs no more than that, and relaying a payload becomes a substring — no tree, no
 * re-serialisation. Not thread-safe; one instance per message.
 */
public final class JsonScanner {
  /** Kinds of member values. */
  public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

  /** Receives each top-level member; {@code decoded} is set for strings only. */
  public interface Members {
    void member(String key, Kind kind, String decoded, int start, int end);
  }

  /** Thrown for anything that is not valid JSON. */
  public static final class Malformed extends Exception {
    Malformed(String message, int at) {
      super(message + " at offset " + at, null, false, false);
    }
  }

  private static final int MAX_DEPTH = 64;
  private final String s;
  private int i;
  private final StringBuilder scratch = new StringBuilder(64);

  public JsonScanner(String text) {
    this.s = text;
  }

  /**
   * Scans the whole text. Returns true when it is an object (whose members went to
   * {@code members}), false when it is valid JSON of another kind.
   */
  public boolean scan(Members members) throws Malformed {
    skipSpace();
    boolean object = peek() == '{';
    if (object) {
      object(0, members);
    } else {
      value(0);
    }
    skipSpace();
    if (i != s.length()) {
      throw new Malformed("trailing data after the value", i);
    }
    return object;
  }

  private Kind value(int depth) throws Malformed {
    if (depth > MAX_DEPTH) {
      throw new Malformed("nesting deeper than " + MAX_DEPTH, i);
    }
    char c = peek();
    switch (c) {
      case '{' -> {
        object(depth, null);
        return Kind.OBJECT;
      }
      case '[' -> {
        array(depth);
        return Kind.ARRAY;
      }
      case '"' -> {
        skipString();
        return Kind.STRING;
      }
      case 't' -> {
        literal("true");
        return Kind.BOOLEAN;
      }
      case 'f' -> {
        literal("false");
        return Kind.BOOLEAN;
      }
      case 'n' -> {
        literal("null");
        return Kind.NULL;
      }
      default -> {
        number();
        return Kind.NUMBER;
      }
    }
  }

  /** Scans an object; reports its members to {@code members} unless that is null (nested). */
  private void object(int depth, Members members) throws Malformed {
    i++; // '{'
    skipSpace();
    if (peek() == '}') {
      i++;
      return;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw new Malformed("expected a member name", i);
      }
      String key = members == null ? null : string();
      if (members == null) {
        skipString();
      }
      skipSpace();
      expect(':');
      skipSpace();
      int start = i;
      if (members != null && peek() == '"') {
        members.member(key, Kind.STRING, string(), start, i);
      } else {
        Kind kind = value(depth + 1);
        if (members != null) {
          members.member(key, kind, null, start, i);
        }
      }
      skipSpace();
      char next = peek();
      i++;
      if (next == '}') {
        return;
      }
      if (next != ',') {
        throw new Malformed("expected ',' or '}'", i - 1);
      }
    }
  }

  private void array(int depth) throws Malformed {
    i++;
    skipSpace();
    if (peek() == ']') {
      i++;
      return;
    }
    while (true) {
      skipSpace();
      value(depth + 1);
      skipSpace();
      char next = peek();
      i++;
      if (next == ']') {
        return;
      }
      if (next != ',') {
        throw new Malformed("expected ',' or ']'", i - 1);
      }
    }
  }

  /**
   * The string elements of a JSON array (other elements skipped), e.g. a login's
   * {@code features}; the text must be an array.
   */
  java.util.List<String> arrayStrings() throws Malformed {
    java.util.List<String> out = new java.util.ArrayList<>();
    skipSpace();
    if (peek() != '[') {
      throw new Malformed("expected an array", i);
    }
    i++;
    skipSpace();
    if (peek() == ']') {
      return out;
    }
    while (true) {
      skipSpace();
      if (peek() == '"') {
        out.add(string());
      } else {
        value(1);
      }
      skipSpace();
      char next = peek();
      i++;
      if (next == ']') {
        return out;
      }
      if (next != ',') {
        throw new Malformed("expected ',' or ']'", i - 1);
      }
    }
  }

  /** Decodes the string at the cursor (escapes resolved). */
  private String string() throws Malformed {
    int start = ++i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return s.substring(start, i++);
      }
      if (c == '\\') {
        scratch.setLength(0);
        scratch.append(s, start, i);
        return escapedRest();
      }
      if (c < 0x20) {
        throw new Malformed("control character in a string", i);
      }
      i++;
    }
    throw new Malformed("unterminated string", i);
  }

  private String escapedRest() throws Malformed {
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return scratch.toString();
      }
      if (c == '\\') {
        scratch.append(escape());
      } else if (c < 0x20) {
        throw new Malformed("control character in a string", i - 1);
      } else {
        scratch.append(c);
      }
    }
    throw new Malformed("unterminated string", i);
  }

  private void skipString() throws Malformed {
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        escape();
      } else if (c < 0x20) {
        throw new Malformed("control character in a string", i - 1);
      }
    }
    throw new Malformed("unterminated string", i);
  }

  /** Reads the escape after a backslash; returns the character it stands for. */
  private char escape() throws Malformed {
    if (i >= s.length()) {
      throw new Malformed("unterminated escape", i);
    }
    char c = s.charAt(i++);
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> throw new Malformed("bad escape \\" + c, i - 1);
    };
  }

  private char unicodeEscape() throws Malformed {
    if (i + 4 > s.length()) {
      throw new Malformed("short \\u escape", i);
    }
    int value = 0;
    for (int k = 0; k < 4; k++) {
      int digit = hexDigit(s.charAt(i++));
      if (digit < 0) {
        throw new Malformed("bad \\u escape", i - 1);
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private void number() throws Malformed {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw new Malformed("unexpected character", start);
    }
    if (peek() == '.') {
      i++;
      requireDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      requireDigits();
    }
  }

  private void requireDigits() throws Malformed {
    if (!isDigit(peek())) {
      throw new Malformed("expected a digit", i);
    }
    digits();
  }

  private void digits() {
    while (isDigit(peek())) {
      i++;
    }
  }

  /** ASCII hex only: Character.digit also takes other scripts' digits (e.g. U+0660), JSON does not. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) throws Malformed {
    if (!s.startsWith(word, i)) {
      throw new Malformed("unexpected character", i);
    }
    i += word.length();
  }

  private void expect(char c) throws Malformed {
    if (peek() != c) {
      throw new Malformed("expected '" + c + "'", i);
    }
    i++;
  }

  /** The character at the cursor, or NUL at the end (never valid where a token is expected). */
  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      i++;
    }
  }
}
