package dev.peerphone.signaling.admission;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may log in, like the original chat roulette that admitted one country only. Addresses the
 * country database does not know (loopback, LAN) are admitted unless {@code denyUnknown}.
 */
public final class Admission {
  private final Set<String> allowedCountries;
  private final CountryLookup lookup;
  private final boolean denyUnknown;

  private Admission(Set<String> allowedCountries, CountryLookup lookup, boolean denyUnknown) {
    this.allowedCountries = allowedCountries.stream()
        .map(c -> c.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.lookup = lookup;
    this.denyUnknown = denyUnknown;
  }

  public static Admission everyone() {
    return new Admission(Set.of(), address -> Optional.empty(), false);
  }

  public static Admission countries(Set<String> allowed, CountryLookup lookup, boolean denyUnknown) {
    return new Admission(allowed, lookup, denyUnknown);
  }

  /** {@code client} null means the address could not be determined: treated as unknown. */
  public boolean admits(InetAddress client) {
    Optional<String> country = client == null ? Optional.empty() : lookup.countryOf(client);
    return country.map(c -> allowedCountries.isEmpty() || allowedCountries.contains(c))
        .orElse(!denyUnknown);
  }
}
