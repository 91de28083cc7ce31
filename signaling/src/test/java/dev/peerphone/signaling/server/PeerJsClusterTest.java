package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A cluster node ({@code --redis}) refuses PeerJS clients with a clear ERROR, and {@code /find}
 * answers 503 (docs/PEERJS.md, Cluster); a Peerphone user's {@code peerjs} message still gets
 * {@code unknown-user}.
 */
class PeerJsClusterTest {
  @Test
  void clusterNodeRefusesPeerJsClientsClearly() throws Exception {
    try (RedisProcess redis = RedisProcess.start();
        SignalingServer node = SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, 0)
            .withRedis(redis.uri()))) {
      TestClient page = TestClient.attempt(URI.create("ws://127.0.0.1:" + node.httpPort()
          + "/peerjs/peerjs?key=peerjs&id=page&token=t"));
      JsonObject error = page.nextAny();
      assertEquals("ERROR", error.get("type").getAsString());
      assertEquals("PeerJS clients are not served by a cluster node (--redis): use a single server",
          error.getAsJsonObject("payload").get("msg").getAsString());
      page.awaitClose();

      HttpResponse<String> find = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/find?id=page")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, find.statusCode());

      TestClient pat = TestClient.login(node.webSocketUri(), "Pat");
      pat.send("{\"type\":\"peerjs\",\"name\":\"page\",\"message\":{\"type\":\"OFFER\",\"payload\":{}}}");
      assertEquals("page", pat.nextError("unknown-user").get("name").getAsString());
      pat.assertNoMore();
      pat.close();
    }
  }
}
