package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.peerphone.app.net.KnownServers;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.TlsServer;
import dev.peerphone.signaling.server.ServerConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * With the embedded server, the window shows the link others open: this machine's LAN address
 * (never loopback), http:// or https:// as the server serves, a Copy button that puts it on the
 * clipboard, and a QR code that decodes back to exactly the link.
 */
class DesktopJoinLinkUiTest extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  @TempDir Path dir;
  private DesktopWindow window;

  @AfterEach
  void close() throws Exception {
    HeadlessFx.closeWindow(window);
  }

  private void signInEmbedded(ServerConfig embedded) throws Exception {
    window = HeadlessFx.openWindow(new ClientBackend(MediaConfig.synthetic(), embedded,
        new ServerTrust(new KnownServers(dir.resolve("known-servers")))));
    clickOn("#name").write("alice");
    clickOn("#signIn");
    HeadlessFx.waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
  }

  private String shownLink() {
    return HeadlessFx.fx(() -> lookup("#joinLink").queryAs(TextField.class).getText());
  }

  /** Decodes the QR code from the pixels the window draws. */
  private String decodeQr() throws Exception {
    int[][] argb = new int[1][];
    int[] size = new int[2];
    HeadlessFx.fx(() -> {
      WritableImage shot = lookup("#joinQr").query().snapshot(null, null);
      size[0] = (int) shot.getWidth();
      size[1] = (int) shot.getHeight();
      argb[0] = new int[size[0] * size[1]];
      shot.getPixelReader().getPixels(0, 0, size[0], size[1], PixelFormat.getIntArgbInstance(), argb[0], 0, size[0]);
      return null;
    });
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(size[0], size[1], argb[0])))).getText();
  }

  private static void assertLanAddress(URI link) throws Exception {
    InetAddress a = InetAddress.getByName(link.getHost());
    assertFalse(a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress(), link.toString());
    assertNotNull(NetworkInterface.getByInetAddress(a), "an address of this machine: " + link);
  }

  @Test
  void theLinkIsThisMachinesLanAddressItsQrCodeDecodesToItAndCopyPutsItOnTheClipboard() throws Exception {
    signInEmbedded(ServerConfig.defaults().withPorts(0, 0));
    String link = shownLink();
    assertTrue(link.matches("http://[0-9.]+:[0-9]+/"), link);
    URI uri = URI.create(link);
    assertLanAddress(uri);
    assertTrue(HeadlessFx.fx(() -> lookup("#joinQr").query().isVisible()));
    assertEquals(link, decodeQr());

    clickOn("#copyLink");
    assertEquals(link, HeadlessFx.fx(() -> Clipboard.getSystemClipboard().getString()));
    assertEquals("Copied", HeadlessFx.fx(() -> lookup("#copyLink").queryButton().getText()));

    // The link really serves the browser client (this machine's own address, nothing leaves it).
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<html") || page.body().contains("<!DOCTYPE"), page.body());
  }

  @Test
  void withTlsTheLinkIsHttpsAndTheAppTrustsItsOwnServerWithoutAskingOrRemembering() throws Exception {
    Path ks = TlsServer.keystore(dir, "embedded");
    signInEmbedded(ServerConfig.defaults().withPorts(0, 0).withTls(ks, TlsServer.PASSWORD));
    String link = shownLink();
    assertTrue(link.matches("https://[0-9.]+:[0-9]+/"), link);
    assertLanAddress(URI.create(link));
    assertEquals(link, decodeQr());
    assertTrue(HeadlessFx.fx(() -> window.model().joinInfoProperty().get()).contains(TlsServer.fingerprint(ks)),
        "desktop users can compare the fingerprint");
    assertEquals(null, HeadlessFx.fx(() -> window.model().untrustedServerProperty().get()));
    assertFalse(Files.exists(dir.resolve("known-servers")), "pinned for the session, not written");
  }
}
