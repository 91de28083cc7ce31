package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.SHORT;

import java.time.Duration;
import java.util.List;

/**
 * The browser client in a {@link Firefox} page, driven the way a person does (type, click), read
 * back with the same scripts as {@link WebPeer} in Chromium ({@link ClientScripts}).
 */
final class FirefoxPeer implements AutoCloseable {
  final String name;
  final FirefoxPage page;

  FirefoxPeer(Firefox firefox, WebServer server, String name) {
    this(firefox, server.clientUrl(), name);
  }

  /** The browser client opened at {@code url}, e.g. under another host name. */
  FirefoxPeer(Firefox firefox, String url, String name) {
    this.name = name;
    this.page = firefox.open(url);
  }

  /** Signs in and waits until the page shows the signed-in view. */
  FirefoxPeer signIn() {
    page.fill("#name", name);
    page.click("#login-btn", SHORT);
    page.waitFor(ClientScripts.SIGNED_IN_AS, name, SHORT);
    return this;
  }

  void call(String peer) {
    page.fill("#call-name", peer);
    page.click("#call-btn", SHORT);
  }

  void accept(String peer) {
    page.click(ClientScripts.incoming(peer, "accept"), MEDIA);
  }

  void hangUp(String peer) {
    page.click(ClientScripts.tile(peer) + " .hangup", SHORT);
  }

  /** Waits until the remote tile has rendered {@code frames} video frames and getStats counts them decoded. */
  long awaitVideoFrom(String peer, int frames) {
    page.waitFor(ClientScripts.TILE_FRAMES, List.of(peer, frames), MEDIA);
    page.waitFor(ClientScripts.DECODED_AT_LEAST, List.of(peer, frames), MEDIA);
    return page.evaluate(ClientScripts.FRAMES_DECODED, peer).getAsLong();
  }

  void awaitChatOpen(String peer) {
    page.waitFor(ClientScripts.CHAT_OPEN, peer, MEDIA);
  }

  /** Types into the chat box and sends to {@code peer}. */
  void say(String peer, String text) {
    page.select("#chat-to", peer);
    page.fill("#chat-input", text);
    page.click("#chat-send", SHORT);
  }

  void awaitChat(String from, String text) {
    page.waitFor(ClientScripts.CHAT_LINE, List.of(from, text), MEDIA);
  }

  void awaitUser(String user, String status) {
    page.waitFor(ClientScripts.USER_STATUS, List.of(user, status), MEDIA);
  }

  void awaitNoCall(String peer, Duration timeout) {
    page.waitFor(ClientScripts.NO_CALL, peer, timeout);
  }

  List<String> errors() {
    return page.errors();
  }

  @Override
  public void close() {
    page.close();
  }
}
