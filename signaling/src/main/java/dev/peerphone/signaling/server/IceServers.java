package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ServerMessages;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code iceServers} list of a login reply. TURN gets short-lived credentials in the TURN
 * REST API scheme (coturn's {@code use-auth-secret}): username {@code <expiry>:<name>},
 * password base64(HMAC-SHA1(secret, username)).
 */
final class IceServers {
  private final List<String> stunUrls;
  private final List<String> turnUrls;
  private final byte[] secret;
  private final Duration ttl;
  private final Clock clock;

  IceServers(List<String> stunUrls, List<String> turnUrls, String secret, Duration ttl, Clock clock) {
    if (!turnUrls.isEmpty() && (secret == null || secret.isEmpty())) {
      throw new IllegalArgumentException("--turn needs --turn-secret");
    }
    this.stunUrls = stunUrls;
    this.turnUrls = turnUrls;
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** JSON array of RTCIceServer objects for the user {@code name}. */
  String jsonFor(String name) {
    StringBuilder out = new StringBuilder("[");
    if (!stunUrls.isEmpty()) {
      out.append("{\"urls\":").append(urls(stunUrls)).append('}');
    }
    if (!turnUrls.isEmpty()) {
      String username = (clock.instant().getEpochSecond() + ttl.toSeconds()) + ":" + name;
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"urls\":").append(urls(turnUrls))
          .append(",\"username\":").append(ServerMessages.quote(username))
          .append(",\"credential\":").append(ServerMessages.quote(password(username))).append('}');
    }
    return out.append(']').toString();
  }

  private String password(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  private static String urls(List<String> urls) {
    return urls.stream().map(ServerMessages::quote).collect(Collectors.joining(",", "[", "]"));
  }
}
