package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.net.ServerCertificate;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in part of the view-model: the name check, connecting on the worker (starting the
 * embedded server when the server field is empty), the login timeout, and refusals in words.
 * Attempts are numbered; events from an abandoned attempt's client are ignored. A {@code wss://}
 * server whose certificate is not trusted stops the attempt and becomes a question for the user
 * ({@link #untrustedProperty()}): {@link #trust()} remembers the certificate and signs in again,
 * {@link #distrust()} stays signed out.
 *
 * <p>Threading: properties and {@link #start}, {@link #tick}, {@link #loggedIn},
 * {@link #refused} on the FX thread ({@code fx}); connecting runs on the model's {@code worker}.
 */
final class SignIn {
  private static final Logger log = LoggerFactory.getLogger(SignIn.class);
  /**
   * How long sign-in waits for the login reply. The signaling client retries by itself and never
   * gives up, so a server that accepts TCP but never answers (wrong port, a proxy, a hung server)
   * would otherwise leave the sign-in screen spinning forever.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Backend backend;
  private final Executor fx;
  private final Executor worker;
  private final Clock clock;
  private final Consumer<Phone> connected;
  private final Consumer<CallEvent> events;
  private final Runnable drop;
  private final ReadOnlyBooleanWrapper signingIn = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper joinInfo = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper joinLink = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<ServerCertificate> untrusted = new ReadOnlyObjectWrapper<>();
  /** The name and server text of the attempt waiting for {@link #trust()} (FX thread). */
  private String askedName = "";
  private String askedServer = "";
  /** Attempts so far (FX thread). */
  private int attempt;
  private long startedAt;
  private String server = "";

  /**
   * @param connected worker: the client of the current attempt is connected and logging in
   * @param events FX: an event of the current attempt's client
   * @param drop FX: drop the current client (its login was refused or timed out)
   */
  SignIn(Backend backend, Executor fx, Executor worker, Clock clock, Consumer<Phone> connected,
      Consumer<CallEvent> events, Runnable drop) {
    this.backend = backend;
    this.fx = fx;
    this.worker = worker;
    this.clock = clock;
    this.connected = connected;
    this.events = events;
    this.drop = drop;
  }

  ReadOnlyBooleanProperty signingInProperty() { return signingIn.getReadOnlyProperty(); }
  ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
  ReadOnlyStringProperty joinInfoProperty() { return joinInfo.getReadOnlyProperty(); }
  ReadOnlyStringProperty joinLinkProperty() { return joinLink.getReadOnlyProperty(); }
  ReadOnlyObjectProperty<ServerCertificate> untrustedProperty() { return untrusted.getReadOnlyProperty(); }

  /** The user trusts the certificate in question: remember it, then sign in again. */
  void trust() {
    ServerCertificate c = untrusted.get();
    if (c == null) {
      return;
    }
    untrusted.set(null);
    worker.execute(() -> {
      String warning = "";
      try {
        backend.trust(c);
      } catch (IOException e) {
        log.warn("cannot remember {}: {}", c.address(), e.toString());
        warning = "Trusted for this session only: could not save it (" + e.getMessage() + ").";
      }
      String w = warning;
      fx.execute(() -> {
        start(askedName, askedServer);
        if (!w.isEmpty()) {
          error.set(w);
        }
      });
    });
  }

  /** The user does not trust the certificate in question: stay signed out. */
  void distrust() {
    ServerCertificate c = untrusted.get();
    if (c != null) {
      untrusted.set(null);
      error.set("Not connected: the certificate of " + c.address() + " was not trusted.");
    }
  }

  /** Signs in as {@code name}; an empty {@code server} starts the embedded server. */
  void start(String name, String serverText) {
    String n = name == null ? "" : name.trim();
    if (signingIn.get()) {
      return;
    }
    if (n.isEmpty()) {
      error.set("Enter a name.");
      return;
    }
    String s = serverText == null ? "" : serverText.trim();
    signingIn.set(true);
    error.set("");
    startedAt = clock.millis();
    server = s;
    int a = ++attempt;
    worker.execute(() -> connect(n, s, a));
  }

  /** Once a second: gives up on a login reply that does not come. */
  void tick() {
    if (signingIn.get() && clock.millis() - startedAt >= TIMEOUT.toMillis()) {
      attempt++;
      signingIn.set(false);
      error.set("No answer from the server " + (server.isEmpty() ? "(embedded)" : server)
          + " within " + TIMEOUT.toSeconds() + " s: is it a Peerphone signaling server?");
      drop.run();
    }
  }

  /** The server text of the latest attempt ("" = the embedded server). */
  String server() {
    return server;
  }

  void loggedIn() {
    signingIn.set(false);
  }

  /** The server refused the login before we got in. */
  void refused(String reason) {
    signingIn.set(false);
    error.set(switch (reason) {
      case "name-taken" -> "That name is taken: choose another one.";
      case "invalid-name" -> "Names are 1–32 letters, digits, '_', '-' or '.'.";
      case "not-allowed" -> "This server does not admit you (admission policy).";
      default -> "Sign-in refused: " + reason;
    });
    drop.run();
  }

  /** Worker thread. */
  private void connect(String name, String serverText, int a) {
    String join = "";
    String link = "";
    try {
      URI uri;
      if (serverText.isEmpty()) {
        Backend.ServerInfo info = backend.startEmbeddedServer();
        uri = info.webSocket();
        join = info.joinText();
        link = info.link();
      } else {
        uri = ClientBackend.parseServer(serverText);
      }
      URI target = uri;
      Phone p = backend.connect(uri, name, e -> {
        boolean untrustedServer = e instanceof CallEvent.Error err && err.code().equals("untrusted-certificate");
        ServerCertificate refused = untrustedServer ? backend.refusedCertificate(target).orElse(null) : null;
        fx.execute(() -> {
          if (a != attempt) {
            return;
          }
          if (untrustedServer && signingIn.get()) {
            ask(refused, ((CallEvent.Error) e).message(), name, serverText);
          } else {
            events.accept(e);
          }
        });
      });
      String joinText = join;
      String linkText = link;
      fx.execute(() -> {
        joinInfo.set(joinText);
        joinLink.set(linkText);
      });
      connected.accept(p);
    } catch (IllegalArgumentException e) {
      fail(a, "Not a server address: " + serverText);
    } catch (IOException e) {
      fail(a, "Cannot reach the server " + (serverText.isEmpty() ? "(embedded)" : serverText) + ": " + e.getMessage());
    } catch (RuntimeException e) {
      log.warn("sign-in", e);
      fail(a, "Sign-in failed: " + e);
    }
  }

  /** FX: this attempt met an untrusted certificate; drop its client and ask the user (if we know which one). */
  private void ask(ServerCertificate c, String message, String name, String serverText) {
    attempt++;
    signingIn.set(false);
    drop.run();
    if (c == null) {
      error.set(message);
      return;
    }
    askedName = name;
    askedServer = serverText;
    untrusted.set(c);
  }

  private void fail(int a, String message) {
    fx.execute(() -> {
      if (a == attempt) { // else the attempt already timed out with its own message
        signingIn.set(false);
        error.set(message);
      }
    });
  }
}
