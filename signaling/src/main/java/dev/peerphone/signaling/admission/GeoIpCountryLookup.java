package dev.peerphone.signaling.admission;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CountryLookup} over a MaxMind GeoIP2/GeoLite2 Country database file. Thread-safe. */
public final class GeoIpCountryLookup implements CountryLookup, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GeoIpCountryLookup.class);
  private final DatabaseReader reader;

  public GeoIpCountryLookup(Path database) throws IOException {
    this.reader = new DatabaseReader.Builder(database.toFile()).build();
  }

  @Override
  public Optional<String> countryOf(InetAddress address) {
    try {
      return reader.tryCountry(address)
          .map(response -> response.getCountry().getIsoCode());
    } catch (IOException | GeoIp2Exception | RuntimeException e) {
      log.warn("GeoIP lookup of {} failed: {}", address.getHostAddress(), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
