package dev.peerphone.app.testing;

import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real signaling server with keystore TLS ({@code wss://}) on a free port, and self-signed
 * test certificates made by the JDK's {@code keytool} (what an operator would do by hand).
 */
public final class TlsServer implements AutoCloseable {
  public static final String PASSWORD = "changeit";
  private SignalingServer server;
  private final int port;

  /** Starts on free ports: WebSocket, and HTTP too when {@code http} (else off). */
  public TlsServer(Path keystore, boolean http) {
    server = start(keystore, 0, http ? 0 : -1);
    port = server.port();
  }

  public TlsServer(Path keystore) {
    this(keystore, false);
  }

  private static SignalingServer start(Path keystore, int port, int httpPort) {
    try {
      return SignalingServer.start(ServerConfig.defaults().withPorts(port, httpPort).withTls(keystore, PASSWORD));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public URI uri() {
    return URI.create("wss://127.0.0.1:" + port + "/");
  }

  /** The same server by host name ({@code wss://localhost:PORT/}). */
  public URI localhostUri() {
    return URI.create("wss://localhost:" + port + "/");
  }

  /** Stops the server and starts it again on the same port with another certificate. */
  public void restart(Path keystore) {
    server.close();
    server = start(keystore, port, -1);
  }

  @Override
  public void close() {
    server.close();
  }

  /** A new self-signed certificate for CN={@code cn} (valid for 127.0.0.1) in a PKCS12 keystore in {@code dir}. */
  public static Path keystore(Path dir, String cn) {
    Path ks = dir.resolve(cn + ".p12");
    keytool("-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
        "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=" + cn, "-ext", "SAN=ip:127.0.0.1");
    return ks;
  }

  /** A server keystore signed by a test CA, and a trust store holding only that CA. */
  public record CaSigned(Path serverKeystore, Path trustStore) {}

  /** A certificate for host name {@code localhost} only (not 127.0.0.1), issued by a new test CA. */
  public static CaSigned caSigned(Path dir) {
    String ca = dir.resolve("ca.p12").toString();
    String server = dir.resolve("ca-signed.p12").toString();
    String csr = dir.resolve("server.csr").toString();
    String crt = dir.resolve("server.crt").toString();
    String caCrt = dir.resolve("ca.crt").toString();
    String trust = dir.resolve("trust.p12").toString();
    String[] pass = {"-storetype", "PKCS12", "-storepass", PASSWORD};
    keytool(cat(new String[] {"-genkeypair", "-keystore", ca, "-alias", "ca", "-keyalg", "EC", "-groupname",
        "secp256r1", "-validity", "2", "-dname", "CN=Peerphone Test CA", "-ext", "bc:c"}, pass));
    keytool(cat(new String[] {"-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file", caCrt}, pass));
    keytool(cat(new String[] {"-genkeypair", "-keystore", server, "-alias", "server", "-keyalg", "EC", "-groupname",
        "secp256r1", "-validity", "2", "-dname", "CN=localhost"}, pass));
    keytool(cat(new String[] {"-certreq", "-keystore", server, "-alias", "server", "-file", csr}, pass));
    keytool(cat(new String[] {"-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr, "-outfile", crt, "-rfc",
        "-validity", "2", "-ext", "SAN=dns:localhost"}, pass));
    keytool(cat(new String[] {"-importcert", "-keystore", server, "-alias", "ca", "-file", caCrt, "-noprompt"}, pass));
    keytool(cat(new String[] {"-importcert", "-keystore", server, "-alias", "server", "-file", crt}, pass));
    keytool(cat(new String[] {"-importcert", "-keystore", trust, "-alias", "ca", "-file", caCrt, "-noprompt"}, pass));
    return new CaSigned(Path.of(server), Path.of(trust));
  }

  private static String[] cat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static void keytool(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/keytool").getPath()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of the keystore's certificate, computed here (not by the code under test), colon hex. */
  public static String fingerprint(Path keystore) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore s = KeyStore.getInstance("PKCS12");
      s.load(in, PASSWORD.toCharArray());
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getCertificate("server").getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
