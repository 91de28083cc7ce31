package dev.peerphone.signaling.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
  private final ClientAddressResolver resolver =
      new ClientAddressResolver(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));

  @Test
  void untrustedPeersHeaderIsIgnored() {
    assertEquals(ip("203.0.113.9"), resolver.resolve(ip("203.0.113.9"), "81.2.69.160"));
  }

  @Test
  void trustedProxyChainsAreWalkedFromTheRight() {
    assertEquals(ip("216.160.83.56"),
        resolver.resolve(ip("10.0.0.1"), "81.2.69.160, 216.160.83.56, 10.9.9.9"));
    assertEquals(ip("2001:218::1"), resolver.resolve(ip("fd00::1"), "2001:218::1"));
  }

  @Test
  void allTrustedHopsYieldTheLeftmost() {
    assertEquals(ip("10.2.2.2"), resolver.resolve(ip("10.0.0.1"), "10.2.2.2,10.3.3.3"));
  }

  @Test
  void nonAddressesAreUnknownAndNeverLookedUp() {
    assertNull(resolver.resolve(ip("10.0.0.1"), "localhost"));
    assertNull(resolver.resolve(ip("10.0.0.1"), "1.2"));
    assertNull(resolver.resolve(ip("10.0.0.1"), ""  + "1.2.3.4.5"));
  }

  @Test
  void cidrMatching() {
    assertTrue(Cidr.parse("192.168.0.0/16").contains(ip("192.168.4.5")));
    assertFalse(Cidr.parse("192.168.0.0/16").contains(ip("192.169.0.1")));
    assertTrue(Cidr.parse("10.1.2.3").contains(ip("10.1.2.3")));
    assertTrue(Cidr.parse("172.16.0.0/12").contains(ip("172.31.255.255")));
    assertFalse(Cidr.parse("172.16.0.0/12").contains(ip("172.32.0.0")));
    assertFalse(Cidr.parse("10.0.0.0/8").contains(ip("::1")));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
  }

  @Test
  void admissionPolicy() {
    CountryLookup lookup = a -> a.equals(ip("1.1.1.1")) ? Optional.of("GB") : Optional.empty();
    Admission gbOnly = Admission.countries(Set.of("gb"), lookup, false);
    assertTrue(gbOnly.admits(ip("1.1.1.1")));
    assertTrue(gbOnly.admits(ip("2.2.2.2")), "unknown admitted by default");
    assertTrue(gbOnly.admits(null));
    Admission strict = Admission.countries(Set.of("US"), lookup, true);
    assertFalse(strict.admits(ip("1.1.1.1")));
    assertFalse(strict.admits(ip("2.2.2.2")));
    assertTrue(Admission.everyone().admits(null));
  }

  private static InetAddress ip(String literal) {
    InetAddress a = IpLiterals.parse(literal);
    if (a == null) {
      throw new IllegalArgumentException(literal);
    }
    return a;
  }
}
