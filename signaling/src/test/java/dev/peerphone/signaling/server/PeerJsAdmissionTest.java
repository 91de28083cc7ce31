package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.signaling.admission.Cidr;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Country admission applies to PeerJS clients as to Peerphone users (GeoIP2 test database, as AdmissionTest). */
class PeerJsAdmissionTest {
  @Test
  void peerJsClientsAreAdmittedByCountryLikeEveryone() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withAdmission(Set.of("GB"),
        AdmissionTest.testDatabase(), false, List.of(Cidr.parse("127.0.0.1/32"))))) {
      URI uri = URI.create("ws://127.0.0.1:" + f.server.httpPort() + "/peerjs/peerjs?key=peerjs&token=t&id=");
      // Refused: the ERROR and the close may arrive with the handshake, before the client calls it open.
      TestClient american = f.track(TestClient.attempt(URI.create(uri + "yank"), Map.of("X-Forwarded-For",
          "216.160.83.56")));
      JsonObject refused = american.nextAny();
      assertEquals("ERROR", refused.get("type").getAsString());
      assertTrue(refused.getAsJsonObject("payload").get("msg").getAsString().startsWith("not-allowed"), refused.toString());
      american.awaitClose();
      TestClient british = f.track(TestClient.connect(URI.create(uri + "brit"), Map.of("X-Forwarded-For",
          "81.2.69.160"), null));
      assertEquals("OPEN", british.nextAny().get("type").getAsString());
      british.assertNoMore();
    }
  }
}
