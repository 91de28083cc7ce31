package dev.peerphone.signaling.admission;

import java.net.InetAddress;
import java.util.Optional;

/** Maps an address to an ISO 3166 country code; empty when the address is unknown (LAN, loopback). */
public interface CountryLookup {
  Optional<String> countryOf(InetAddress address);
}
