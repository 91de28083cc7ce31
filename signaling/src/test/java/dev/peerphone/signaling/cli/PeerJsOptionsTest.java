package dev.peerphone.signaling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.peerjs.PeerJsConfig;
import dev.peerphone.signaling.peerjs.PeerJsHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PeerServer mode's options, and the layouts its paths give (docs/PEERJS.md). */
class PeerJsOptionsTest {
  private static final PeerJsHttp.Backend NOBODY = new PeerJsHttp.Backend() {
    @Override
    public List<String> peers() {
      return List.of("a");
    }

    @Override
    public PeerJsHttp.Find find(String id) {
      return new PeerJsHttp.Find(PeerJsHttp.Outcome.WAITING, null);
    }
  };

  @Test
  void defaultsArePeerServersWithThePathPeerjs() throws Exception {
    PeerJsConfig d = ServerOptions.parse().peerJs();
    assertTrue(d.enabled());
    assertEquals("/peerjs/", d.path());
    assertEquals("/peerjs/peerjs", d.socketPath());
    assertEquals("peerjs", d.key());
    assertFalse(d.discovery());
    assertEquals(Duration.ofSeconds(90), d.aliveTimeout());
    assertEquals(Duration.ofSeconds(5), d.expireTimeout());
    PeerJsConfig set = ServerOptions.parse("--peerjs-path", "signaling", "--peerjs-key", "k", "--peerjs-discovery",
        "--peerjs-alive-timeout", "30000").peerJs();
    assertEquals("/signaling/", set.path());
    assertEquals("k", set.key());
    assertTrue(set.discovery());
    assertEquals(Duration.ofSeconds(30), set.aliveTimeout());
    assertFalse(ServerOptions.parse("--no-peerjs").peerJs().enabled());
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--peerjs-path", "/a b"))
        .getMessage().contains("--peerjs-path"));
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--peerjs-alive-timeout", "5"))
        .getMessage().contains("out of range"));
  }

  @Test
  void rootPathGivesPeerServersOwnLayoutAndLeavesSlashToTheBrowserClient() throws Exception {
    PeerJsHttp http = new PeerJsHttp(ServerOptions.parse("--peerjs-path", "/").peerJs(), NOBODY);
    assertTrue(http.isSocket("/peerjs"));
    assertFalse(http.isSocket("/peerjs/peerjs"));
    assertEquals(200, http.respond("GET", "/peerjs/id?ts=1", null).status());
    assertEquals(200, http.respond("GET", "/anykey/id", null).status());
    assertEquals(401, http.respond("GET", "/peerjs/peers", null).status());
    assertEquals(404, http.respond("GET", "/find?id=x", null).status());
    assertEquals(400, http.respond("GET", "/find", null).status());
    assertNull(http.respond("GET", "/", null), "/ stays the browser client");
    assertNull(http.respond("GET", "/ws", null));
    assertNull(http.respond("GET", "/a/b/id", null));
    assertEquals(204, http.respond("OPTIONS", "/peerjs/id", "http://x").status());
    assertEquals("http://x", http.respond("OPTIONS", "/peerjs/id", "http://x").headers()
        .get("Access-Control-Allow-Origin"));
  }

  @Test
  void tutorialPathMountsEverythingUnderSignaling() throws Exception {
    PeerJsHttp http = new PeerJsHttp(ServerOptions.parse("--peerjs-path", "/signaling", "--peerjs-discovery").peerJs(),
        NOBODY);
    assertTrue(http.isSocket("/signaling/peerjs"));
    assertEquals(200, http.respond("GET", "/signaling/peerjs/id", null).status());
    assertEquals("[\"a\"]", new String(http.respond("GET", "/signaling/peerjs/peers", null).body()));
    assertEquals(200, http.respond("GET", "/signaling", null).status());
    assertEquals(404, http.respond("GET", "/signaling/find?id=x", null).status());
    assertEquals(404, http.respond("GET", "/find?id=x", null).status());
    assertEquals(405, http.respond("POST", "/signaling/peerjs/id", null).status());
    assertNull(http.respond("GET", "/peerjs/id", null));
  }
}
