package dev.peerphone.app.testing;

import dev.peerphone.signaling.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway coturn ({@code turnserver} from Debian's {@code coturn}) started from the project's
 * own {@code deploy/turnserver.conf}, so that file is what the tests exercise. Only what must
 * differ per run is overridden on the command line: the address (this machine's non-loopback
 * IPv4: libwebrtc never gathers on loopback), free ports, the shared secret, and the log, pid and
 * database paths, all under a temporary directory. Peers are restricted to this machine's own
 * addresses (everything else denied). Stopped by {@link #close()}.
 */
public final class Coturn implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  /**
   * {@code session ...: peer usage: realm=<r>, username=<u>, rp=N, rb=N, sp=N, sb=N}: what a
   * session relayed to and from its peers, logged (moderate verbosity) when the allocation ends and
   * every few thousand packets.
   */
  private static final Pattern PEER_USAGE = Pattern.compile(
      "peer usage: realm=<[^>]*>, username=<([^>]*)>, rp=(\\d+), rb=(\\d+), sp=(\\d+), sb=(\\d+)");
  private static final Pattern ALLOCATED = Pattern.compile(
      "user <([^>]*)>: incoming packet ALLOCATE processed, success");

  private final Process process;
  private final Path dir;
  private final String address;
  private final int port;
  private final String secret;

  private Coturn(Process process, Path dir, String address, int port, String secret) {
    this.process = process;
    this.dir = dir;
    this.address = address;
    this.port = port;
    this.secret = secret;
  }

  /** Starts coturn with {@code use-auth-secret} and {@code secret}; returns once it accepts connections. */
  public static Coturn start(String secret) {
    Path binary = Path.of("/usr/bin/turnserver");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("coturn is not installed (/usr/bin/turnserver): ./peerphone test installs"
          + " it, or apt-get install coturn");
    }
    String address = machineAddress();
    try {
      Path dir = Files.createTempDirectory("peerphone-coturn");
      int port = freePort(address);
      int minPort = 50000 + ThreadLocalRandom.current().nextInt(0, 70) * 200;
      List<String> cmd = new ArrayList<>(List.of(binary.toString(),
          "-c", config().toString(),
          "--listening-ip", address, "--relay-ip", address,
          "--listening-port", String.valueOf(port),
          "--min-port", String.valueOf(minPort), "--max-port", String.valueOf(minPort + 199),
          "--static-auth-secret", secret,
          "--log-file", dir.resolve("turn.log").toString(), "--simple-log", "--no-stdout-log",
          "--pidfile", dir.resolve("turn.pid").toString(),
          "--userdb", dir.resolve("turndb").toString(),
          "--denied-peer-ip", "0.0.0.0-255.255.255.255"));
      for (String own : machineAddresses()) {
        cmd.addAll(List.of("--allowed-peer-ip", own));
      }
      Process p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
      Coturn c = new Coturn(p, dir, address, port, secret);
      c.awaitListening();
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code deploy/turnserver.conf} of this checkout (tests run in {@code app/}). */
  public static Path config() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path conf = d.resolve("deploy/turnserver.conf");
      if (Files.isRegularFile(conf)) {
        return conf;
      }
    }
    throw new IllegalStateException("deploy/turnserver.conf not found above " + Path.of("").toAbsolutePath());
  }

  /** The {@code --turn} URL for the signaling server. */
  public String url() {
    return "turn:" + address + ":" + port + "?transport=udp";
  }

  public String address() {
    return address;
  }

  public int port() {
    return port;
  }

  /** {@code base} with this TURN server, its secret and a credential lifetime of {@code ttl}. */
  public ServerConfig configure(ServerConfig base, Duration ttl) {
    return base.withIceServers(List.of(), List.of(url()), secret, ttl);
  }

  /** Everything coturn logged so far. */
  public String log() {
    try {
      Path log = dir.resolve("turn.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A direct TURN allocation with these credentials ({@code turnutils_uclient}, from the same
   * package); returns whether coturn granted it, as its own log tells. A refusal is a 401.
   */
  public boolean allocate(String username, String password) {
    try {
      Process p = new ProcessBuilder("/usr/bin/turnutils_uclient", "-u", username, "-w", password,
          "-p", String.valueOf(port), "-n", "1", "-m", "1", "-e", address, address)
          .redirectErrorStream(true).redirectOutput(dir.resolve("uclient.txt").toFile()).start();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    String log = log();
    boolean granted = log.contains("user <" + username + ">: incoming packet ALLOCATE processed, success");
    boolean refused = log.contains("user <" + username + ">: incoming packet message processed, error 401");
    if (granted == refused) {
      throw new AssertionError("coturn neither clearly granted nor refused " + username + ":\n" + tail());
    }
    return granted;
  }

  /** Where the log ends now: pass it to the queries below to look only at what happens next. */
  public int mark() {
    return log().length();
  }

  /** Whether coturn granted an allocation, since {@code mark}, to a TURN username ending in {@code ":" + name}. */
  public boolean allocatedFor(String name, int mark) {
    Matcher m = ALLOCATED.matcher(log().substring(mark));
    while (m.find()) {
      if (m.group(1).endsWith(":" + name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Media bytes relayed between {@code name}'s allocations and their peers (received + sent), as far
   * as coturn has reported them: a session's totals appear once its allocation ends (hang up first).
   */
  public long relayedBytes(String name, int mark) {
    long total = 0;
    Matcher m = PEER_USAGE.matcher(log().substring(mark));
    while (m.find()) {
      if (m.group(1).endsWith(":" + name)) {
        total += Long.parseLong(m.group(3)) + Long.parseLong(m.group(5));
      }
    }
    return total;
  }

  /** Waits until {@code name}'s bytes relayed since {@code mark} reach {@code atLeast}; returns them. */
  public long awaitRelayedBytes(String name, int mark, long atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long bytes;
    while ((bytes = relayedBytes(name, mark)) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("coturn relayed " + bytes + " bytes for " + name + ", expected at least "
            + atLeast + "; log tail:\n" + tail());
      }
      pause(200);
    }
    return bytes;
  }

  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public String tail() {
    String log = log();
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("turnserver exited with " + process.exitValue() + ": " + output());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, port), 200);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          close();
          throw new IllegalStateException("turnserver not listening on " + address + ":" + port + " within "
              + START_TIMEOUT.toSeconds() + " s: " + output());
        }
        pause(50);
      }
    }
  }

  private String output() {
    try {
      return Files.readString(dir.resolve("stdout.txt")) + "\n" + log();
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  /** This machine's first non-loopback IPv4 address (where libwebrtc gathers host candidates). */
  public static String machineAddress() {
    List<String> all = machineAddresses();
    if (all.isEmpty()) {
      throw new IllegalStateException("no non-loopback IPv4 address: WebRTC cannot gather candidates here");
    }
    return all.get(0);
  }

  private static List<String> machineAddresses() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            out.add(a.getHostAddress());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A port free for both TCP and UDP on {@code address} (coturn listens on both). */
  private static int freePort(String address) throws IOException {
    for (int i = 0; i < 20; i++) {
      int candidate;
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(address))) {
        candidate = tcp.getLocalPort();
      }
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, candidate))) {
        return candidate;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no port free for TCP and UDP on " + address);
  }
}
