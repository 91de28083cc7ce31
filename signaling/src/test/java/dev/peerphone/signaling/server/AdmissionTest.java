package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.admission.Cidr;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Country admission with the GeoIP2 test database: 81.2.69.160 is GB, 216.160.83.56 is US,
 * loopback is unknown. Test clients connect from 127.0.0.1, to both ports.
 */
class AdmissionTest {
  private static final String GB = "81.2.69.160";
  private static final String US = "216.160.83.56";

  @Test
  void aUserFromAnAllowedCountryIsAdmitted() throws Exception {
    try (ServerFixture f = server(false, "127.0.0.1/32")) {
      assertLogin(f, Map.of("X-Forwarded-For", GB), true);
    }
  }

  @Test
  void aUserFromAnotherCountryIsRefusedWithNotAllowed() throws Exception {
    try (ServerFixture f = server(false, "127.0.0.1/32")) {
      assertLogin(f, Map.of("X-Forwarded-For", US), false);
    }
  }

  @Test
  void unknownAddressesAreAdmittedByDefault() throws Exception {
    try (ServerFixture f = server(false)) {
      assertLogin(f, Map.of(), true); // loopback: not in the database
    }
  }

  @Test
  void unknownAddressesAreRefusedWithDenyUnknownCountry() throws Exception {
    try (ServerFixture f = server(true)) {
      assertLogin(f, Map.of(), false);
    }
  }

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
    // Loopback is not a trusted proxy here: the header cannot make a local user look British.
    try (ServerFixture f = server(true, "10.0.0.0/8")) {
      assertLogin(f, Map.of("X-Forwarded-For", GB), false);
    }
    // ...nor can it make an admitted user look American.
    try (ServerFixture f = server(false, "10.0.0.0/8")) {
      assertLogin(f, Map.of("X-Forwarded-For", US), true);
    }
  }

  @Test
  void behindATrustedProxyTheRightmostUntrustedHopWins() throws Exception {
    try (ServerFixture f = server(false, "127.0.0.1/32", "10.0.0.0/8")) {
      // the client prepended GB; the proxies saw US
      assertLogin(f, Map.of("X-Forwarded-For", GB + ", " + US + ", 10.1.2.3"), false);
      assertLogin(f, Map.of("X-Forwarded-For", US + ", " + GB + ", 10.1.2.3"), true);
    }
  }

  @Test
  void garbageForwardedByATrustedProxyCountsAsUnknown() throws Exception {
    try (ServerFixture f = server(true, "127.0.0.1/32")) {
      assertLogin(f, Map.of("X-Forwarded-For", "evil.example.com"), false);
    }
  }

  private static ServerFixture server(boolean denyUnknown, String... trusted) throws Exception {
    List<Cidr> proxies = java.util.Arrays.stream(trusted).map(Cidr::parse).toList();
    return new ServerFixture(ServerConfig.defaults()
        .withAdmission(Set.of("GB", "IN"), testDatabase(), denyUnknown, proxies));
  }

  static Path testDatabase() throws URISyntaxException {
    return Path.of(AdmissionTest.class.getResource("/geoip/GeoIP2-Country-Test.mmdb").toURI());
  }

  private static int counter;

  /** The same answer on the WebSocket port and at /ws on the HTTP port. */
  private static void assertLogin(ServerFixture f, Map<String, String> headers, boolean admitted) {
    for (java.net.URI uri : List.of(f.uri(), f.server.sameOriginWebSocketUri())) {
      TestClient c = f.track(TestClient.connect(uri, headers, null));
      c.send("{\"type\":\"login\",\"name\":\"user" + (++counter) + "\"}");
      if (admitted) {
        assertTrue(c.next("login").get("success").getAsBoolean(), "admitted with " + headers + " at " + uri);
      } else {
        ClassicProtocolTest.assertLoginFailed(c, "not-allowed");
      }
    }
  }
}
