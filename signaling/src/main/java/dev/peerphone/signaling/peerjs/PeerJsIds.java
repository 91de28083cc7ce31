package dev.peerphone.signaling.peerjs;

import dev.peerphone.signaling.protocol.Names;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which ids the PeerServer mode accepts. PeerServer takes any string; a PeerJS page only sends
 * ids that pass its own {@code validateId} (letters and digits, single {@code ' '}, {@code _} or
 * {@code -} between them) or the UUIDs of {@code GET …/id}. We take those, and Peerphone names
 * (PROTOCOL.md, Identity), up to {@value #MAX_LENGTH} characters: the two share one namespace.
 */
public final class PeerJsIds {
  public static final int MAX_LENGTH = 64;
  private static final Pattern PEERJS = Pattern.compile("[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*");

  private PeerJsIds() {}

  /** True when {@code id} may be registered. */
  public static boolean valid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    return PEERJS.matcher(id).matches() || id.equals(Names.validOrNull(id));
  }

  /** A fresh id for {@code GET …/id}: a random UUID, as PeerServer's {@code randomUUID}. */
  public static String generate() {
    return UUID.randomUUID().toString();
  }
}
