package dev.peerphone.app.peerjs;

import com.microsoft.playwright.Page;
import dev.peerphone.app.interop.Chromium;
import dev.peerphone.app.testing.TestServer;
import dev.peerphone.signaling.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Our server on free ports, one headless Chromium and the unmodified PeerJS page registered on the
 * server's PeerServer path as {@value #ID}: started once for the test classes that use it (through
 * {@link Extension}) and closed when the test run ends — one browser start instead of one per
 * class (CI time). Each class leaves the page without calls; the page's helpers
 * (testing/peerjs/page.html) reset per call.
 */
final class SharedPeerJsPage implements ExtensionContext.Store.CloseableResource {
  static final String ID = "page";

  final TestServer server;
  final Chromium chromium;
  final Page page;
  private final PeerJsPage site;

  private SharedPeerJsPage() {
    server = new TestServer(ServerConfig.defaults());
    PeerJsPage startedSite = null;
    Chromium startedChromium = null;
    try {
      startedSite = new PeerJsPage(PeerJsFixture.DIR);
      startedChromium = new Chromium();
      page = startedChromium.newPage(startedSite.origin());
      page.navigate(startedSite.origin() + "/");
      Object id = page.evaluate("([id, port, path]) => start(id, port, path)", List.of(ID, server.httpPort(), "/peerjs"));
      if (!ID.equals(id)) {
        throw new IllegalStateException("the PeerJS page registered as " + id);
      }
    } catch (IOException | RuntimeException e) {
      if (startedChromium != null) {
        startedChromium.close();
      }
      if (startedSite != null) {
        startedSite.close();
      }
      server.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    site = startedSite;
    chromium = startedChromium;
  }

  /** The browser client's address on this server (its HTTP port serves it). */
  String clientOrigin() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  @Override
  public void close() {
    chromium.close();
    site.close();
    server.close();
  }

  /**
   * Registered as a static {@code @RegisterExtension} field: before the class's {@code @BeforeAll}
   * methods it skips the class without node (as {@link PeerJsFixture#installed()} does) or makes
   * {@link #get()} the one instance, kept in the root store until the test run ends.
   */
  static final class Extension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPeerJsPage.class);
    private SharedPeerJsPage shared;

    @Override
    public void beforeAll(ExtensionContext context) {
      PeerJsFixture.installed();
      shared = context.getRoot().getStore(NAMESPACE)
          .getOrComputeIfAbsent(SharedPeerJsPage.class, k -> new SharedPeerJsPage(), SharedPeerJsPage.class);
    }

    SharedPeerJsPage get() {
      return shared;
    }
  }
}
