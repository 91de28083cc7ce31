package dev.peerphone.signaling.peerjs;

import static dev.peerphone.signaling.peerjs.FrameClient.awaitUsers;
import static dev.peerphone.signaling.peerjs.FrameClient.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge between PeerJS clients and Peerphone users (docs/PEERJS.md), with real WebSocket
 * clients on one server mounted as the chat-roulette tutorial mounts PeerServer
 * ({@code /signaling}): relays both ways with the sender stamped, the typed errors, EXPIRE for a
 * user without the {@code peerjs} feature, presence marking, {@code /find} against {@code find}
 * in both orders, and one namespace for ids and names.
 */
class PeerJsBridgeTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static SignalingServer server;
  private final List<FrameClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, 0)
        .withPeerJs(PeerJsConfig.defaults().withPath("/signaling")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(FrameClient::close);
  }

  /** A PeerJS client on the HTTP port (one origin), or on the WebSocket port. */
  private FrameClient page(String id, boolean httpPort) {
    int port = httpPort ? server.httpPort() : server.port();
    FrameClient c = FrameClient.peerJs("ws://127.0.0.1:" + port + "/signaling/peerjs", "peerjs", id, "tok-" + id);
    clients.add(c);
    assertEquals("{\"type\":\"OPEN\"}", c.next().toString());
    return c;
  }

  private FrameClient peerphone(String name, String features) {
    FrameClient c = FrameClient.open(server.webSocketUri(), name);
    clients.add(c);
    c.send("{\"type\":\"login\",\"name\":\"" + name + "\",\"features\":" + features + "}");
    assertTrue(c.next("login").get("success").getAsBoolean(), name + " logs in");
    return c;
  }

  @Test
  void relaysBothWaysStampedAndMarksPeerJsUsersInPresence() {
    FrameClient pat = peerphone("Pat", "[\"ring\",\"peerjs\"]");
    FrameClient cleo = peerphone("Cleo", "[]");
    FrameClient page1 = page("page1", true);
    FrameClient page2 = page("page2", false);
    awaitUsers(pat, users -> entry(users, "page1").equals("{\"name\":\"page1\",\"status\":\"available\",\"peerjs\":true}")
        && entry(users, "page2").contains("\"peerjs\":true") && entry(users, "Pat").equals(
            "{\"name\":\"Pat\",\"status\":\"available\"}"));

    page1.send("{\"type\":\"OFFER\",\"src\":\"mallory\",\"dst\":\"PAT\",\"payload\":{\"sdp\":\"v=0\",\"type\":\"media\","
        + "\"connectionId\":\"mc_1\",\"browser\":\"chrome\"}}");
    assertEquals("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"OFFER\",\"payload\":{\"sdp\":\"v=0\","
        + "\"type\":\"media\",\"connectionId\":\"mc_1\",\"browser\":\"chrome\"}}}", pat.next("peerjs").toString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"ANSWER\",\"payload\":{\"sdp\":\"v=0 a\","
        + "\"type\":\"media\",\"connectionId\":\"mc_1\"}}}");
    assertEquals("{\"type\":\"ANSWER\",\"src\":\"Pat\",\"dst\":\"page1\",\"payload\":{\"sdp\":\"v=0 a\",\"type\":\"media\","
        + "\"connectionId\":\"mc_1\"}}", page1.next().toString());
    awaitUsers(pat, users -> entry(users, "page1").contains("\"busy\"") && entry(users, "Pat").contains("\"busy\""));
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":"
        + "{\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"type\":\"media\",\"connectionId\":\"mc_1\"}}}");
    assertEquals("CANDIDATE", page1.next().get("type").getAsString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"LEAVE\"}}");
    assertEquals("{\"type\":\"LEAVE\",\"src\":\"Pat\",\"dst\":\"page1\"}", page1.next().toString());
    awaitUsers(pat, users -> entry(users, "page1").contains("\"available\""));

    // A DataConnection is no call: chat alone makes nobody busy (a page closing one tells nobody).
    page1.send("{\"type\":\"OFFER\",\"dst\":\"Pat\",\"payload\":{\"sdp\":\"v=0\",\"type\":\"data\","
        + "\"connectionId\":\"dc_1\",\"label\":\"dc_1\",\"serialization\":\"binary\",\"reliable\":true}}");
    assertEquals("OFFER", pat.next("peerjs").getAsJsonObject("message").get("type").getAsString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"ANSWER\",\"payload\":{\"sdp\":\"v=0 a\","
        + "\"type\":\"data\",\"connectionId\":\"dc_1\"}}}");
    assertEquals("ANSWER", page1.next().get("type").getAsString());
    FrameClient later = peerphone("Later", "[]"); // a presence push after the exchange
    awaitUsers(pat, users -> entry(users, "Later").contains("\"available\"")
        && entry(users, "page1").contains("\"available\"") && entry(users, "Pat").contains("\"available\""));
    later.close();

    pat.send("{\"type\":\"peerjs\",\"name\":\"nobody\",\"message\":{\"type\":\"OFFER\",\"payload\":{}}}");
    JsonObject unknown = pat.next("error");
    assertEquals("unknown-user", unknown.get("code").getAsString());
    assertEquals("nobody", unknown.get("name").getAsString());
    pat.send("{\"type\":\"peerjs\",\"name\":\"Cleo\",\"message\":{\"type\":\"OFFER\",\"payload\":{}}}");
    assertEquals("Cleo is not a PeerJS peer", error(pat, "invalid-message"));
    pat.send("{\"type\":\"peerjs\",\"name\":\"page1\",\"message\":{\"type\":\"HELLO\",\"payload\":{}}}");
    error(pat, "invalid-message");
    pat.send("{\"type\":\"offer\",\"name\":\"page1\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    assertTrue(error(pat, "invalid-message").contains("PeerJS peer"));

    Matcher clients = Pattern.compile("(?m)^peerphone_peerjs_clients (\\d+)$")
        .matcher(server.metricsText());
    assertTrue(clients.find() && Integer.parseInt(clients.group(1)) >= 2, "/metrics counts PeerJS clients");
    page2.send("{\"type\":\"OFFER\",\"dst\":\"Cleo\",\"payload\":{\"sdp\":\"v=0\",\"connectionId\":\"mc_2\"}}");
    assertEquals("{\"type\":\"EXPIRE\",\"src\":\"Cleo\",\"dst\":\"page2\"}", page2.next().toString());
    cleo.expectNothing(300);
    page1.assertNoMore();
    page2.assertNoMore();
    pat.assertNoMore();
  }

  @Test
  void aPageWithoutAnIdGetsOneFromEitherPort() throws Exception {
    for (int port : new int[] {server.httpPort(), server.port()}) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/signaling/peerjs/id?ts=1")).header("Origin", "http://app.example").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().matches("[0-9a-f-]{36}"), r.body());
      assertEquals("http://app.example", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
      page(r.body(), port == server.httpPort());
    }
  }

  @Test
  void idsAndNamesShareOneCaseInsensitiveNamespace() {
    peerphone("Quinn", "[]");
    FrameClient taken = FrameClient.peerJs("ws://127.0.0.1:" + server.httpPort() + "/signaling/peerjs", "peerjs",
        "quinn", "t");
    clients.add(taken);
    assertEquals("{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}", taken.next().toString());
    taken.awaitClose();
    page("Page-Nine", true);
    FrameClient login = FrameClient.open(server.webSocketUri(), "PAGE-nine");
    clients.add(login);
    login.send("{\"type\":\"login\",\"name\":\"PAGE-nine\"}");
    JsonObject reply = login.next("login");
    assertFalse(reply.get("success").getAsBoolean());
    assertEquals("name-taken", reply.get("reason").getAsString());
  }

  @Test
  void findMatchesPagesAndPeerphoneUsersInBothOrders() throws Exception {
    FrameClient rita = peerphone("Rita", "[\"ring\",\"peerjs\"]");
    FrameClient page3 = page("page3", true);
    assertEquals("404", find("/find?id=page3").split(" ")[0], "nobody waits: the page waits");
    awaitUsers(rita, users -> entry(users, "page3").contains("\"matching\""));
    rita.send("{\"type\":\"find\"}");
    assertEquals("{\"type\":\"match\",\"name\":\"page3\",\"initiator\":true,\"peerjs\":true}", rita.next("match").toString());

    FrameClient sam = peerphone("Sam", "[\"ring\",\"peerjs\"]");
    sam.send("{\"type\":\"find\"}");
    awaitUsers(sam, users -> entry(users, "Sam").contains("\"matching\""));
    FrameClient page4 = page("page4", false);
    assertEquals("200 Sam", find("/signaling/find?id=page4"), "the page gets the waiting user's name and calls");
    assertEquals("{\"type\":\"match\",\"name\":\"page4\",\"initiator\":false,\"peerjs\":true}", sam.next("match").toString());

    assertEquals("404", find("/find?id=page3").split(" ")[0], "a page asking again leaves its partner");
    assertEquals("{\"type\":\"leave\",\"name\":\"page3\"}", rita.next("leave").toString());
    assertEquals("409", find("/find?id=nobody").split(" ")[0]);
    assertEquals("409", find("/find?id=Rita").split(" ")[0]);
    assertEquals("400", find("/find").split(" ")[0]);
    page3.assertNoMore();
    page4.assertNoMore();
    rita.assertNoMore();
    sam.assertNoMore();
  }

  @Test
  void aDisconnectEndsTheCallOnTheOtherSideInItsOwnProtocol() {
    FrameClient una = peerphone("Una", "[\"ring\",\"peerjs\"]");
    FrameClient page6 = page("page6", true);
    FrameClient page7 = page("page7", true);
    page6.send("{\"type\":\"OFFER\",\"dst\":\"Una\",\"payload\":{\"connectionId\":\"mc_6\"}}");
    una.next("peerjs");
    page7.send("{\"type\":\"OFFER\",\"dst\":\"Una\",\"payload\":{\"connectionId\":\"mc_7\"}}");
    una.next("peerjs");
    page6.close();
    assertEquals("{\"type\":\"leave\",\"name\":\"page6\"}", una.next("leave").toString());
    una.close();
    assertEquals("{\"type\":\"LEAVE\",\"src\":\"Una\",\"dst\":\"page7\"}", page7.next().toString());
    page7.assertNoMore();
  }

  @Test
  void findNeverPairsAPageWithAUserWhoCannotTalkToIt() throws Exception {
    FrameClient classic = peerphone("Connie", "[\"ring\"]"); // the browser client: no "peerjs"
    FrameClient page5 = page("page5", true);
    assertEquals("404", find("/find?id=page5").split(" ")[0]);
    classic.send("{\"type\":\"find\"}");
    awaitUsers(classic, users -> entry(users, "Connie").contains("\"matching\"")
        && entry(users, "page5").contains("\"matching\""));
    FrameClient able = peerphone("Abe", "[\"ring\",\"peerjs\"]");
    able.send("{\"type\":\"find\"}");
    assertEquals("{\"type\":\"match\",\"name\":\"page5\",\"initiator\":true,\"peerjs\":true}",
        able.next("match").toString(), "Abe gets the page, which Connie cannot talk to");
    classic.send("{\"type\":\"stop\"}");
    classic.expectNothing(200);
    classic.assertNoMore();
    page5.assertNoMore();
  }

  private static String find(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
        + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body().strip();
  }

  private static String error(FrameClient c, String code) {
    JsonObject e = c.next("error");
    assertEquals(code, e.get("code").getAsString(), e.toString());
    return e.get("message").getAsString();
  }


}
