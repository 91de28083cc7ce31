package dev.peerphone.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fuzz campaign (issue 10 item 4): starts the signaling server as its own process with the
 * shipped limits, keeps an innocent pair chatting and calling, throws {@code --inputs} generated
 * and mutated inputs at both ports from many loopback addresses, then reads the server's
 * resources once it has had time to close what it should, and reports every oracle
 * ({@link Report}). Run it with {@code bench/fuzz/run.sh [options]}; {@code --help} lists them.
 */
public final class Campaign {
  static final String HELP = """
      Usage: bench/fuzz/run.sh [options]
        --inputs N        inputs to send (default 1000000)
        --seed S          random seed (default: random, printed; a seed replays the same inputs)
        --workers W       threads running fast cases (default 8)
        --slow-workers W  threads running slow cases (slow writers, silent sockets; default 16)
        --slow-scale X    multiplies slow writers' delays (default 1.0; the CI run uses less)
        --max-seconds S   stop sending after S seconds even if N is not reached (default 600)
        --out DIR         where fuzz-<time>.json/.md/-server.log go (default bench/results)
      Exit status: 0 when every oracle is 0, 1 otherwise, 2 on bad options.
      """;
  /** The server's handshake deadline as shipped (ServerConfig.defaults). */
  static final int HANDSHAKE_DEADLINE_MS = 10_000;
  /** Connections must be answered or closed within this. */
  static final int BOUND_MS = HANDSHAKE_DEADLINE_MS + 5_000;

  /** What to run; {@code classpath} is the server's (this tool's own classpath holds it). */
  public record Options(long inputs, long seed, int workers, int slowWorkers, double slowScale, int maxSeconds,
      Path out, String classpath) {
    public static Options defaults() {
      return new Options(1_000_000, new SplittableRandom().nextLong(), 8, 16, 1.0, 600, Path.of("bench/results"),
          System.getProperty("java.class.path"));
    }
  }

  private Campaign() {}

  private static String stackOf(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fuzz campaign: " + e.getMessage());
      System.err.print(HELP);
      System.exit(2);
      return;
    }
    if (o == null) {
      System.out.print(HELP);
      return;
    }
    Report report = run(o, String.join(" ", args));
    System.out.println(report.markdown());
    System.out.println("Results: " + report.files());
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }

  static Options parse(String... args) {
    Options o = Options.defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      try {
        o = switch (a) {
          case "--inputs" -> new Options(Long.parseLong(v), o.seed(), o.workers(), o.slowWorkers(), o.slowScale(),
              o.maxSeconds(), o.out(), o.classpath());
          case "--seed" -> new Options(o.inputs(), Long.parseLong(v), o.workers(), o.slowWorkers(), o.slowScale(),
              o.maxSeconds(), o.out(), o.classpath());
          case "--workers" -> new Options(o.inputs(), o.seed(), Integer.parseInt(v), o.slowWorkers(), o.slowScale(),
              o.maxSeconds(), o.out(), o.classpath());
          case "--slow-workers" -> new Options(o.inputs(), o.seed(), o.workers(), Integer.parseInt(v), o.slowScale(),
              o.maxSeconds(), o.out(), o.classpath());
          case "--slow-scale" -> new Options(o.inputs(), o.seed(), o.workers(), o.slowWorkers(), Double.parseDouble(v),
              o.maxSeconds(), o.out(), o.classpath());
          case "--max-seconds" -> new Options(o.inputs(), o.seed(), o.workers(), o.slowWorkers(), o.slowScale(),
              Integer.parseInt(v), o.out(), o.classpath());
          case "--out" -> new Options(o.inputs(), o.seed(), o.workers(), o.slowWorkers(), o.slowScale(),
              o.maxSeconds(), Path.of(v), o.classpath());
          default -> throw new IllegalArgumentException("unknown option " + a);
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(a + " needs a number, got " + v);
      }
    }
    if (o.inputs() < 1 || o.workers() < 1 || o.slowWorkers() < 0 || o.maxSeconds() < 1) {
      throw new IllegalArgumentException("--inputs, --workers and --max-seconds must be positive");
    }
    return o;
  }

  /** Runs a whole campaign and writes its report files. */
  public static Report run(Options o, String commandLine) throws Exception {
    Files.createDirectories(o.out());
    System.err.printf("fuzz campaign: seed %d, %,d inputs, %d + %d workers%n", o.seed(), o.inputs(), o.workers(),
        o.slowWorkers());
    Tally tally = new Tally();
    Machine machine = new Machine();
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    try (ServerProcess server = new ServerProcess(o.classpath(), List.of(),
        o.out().resolve("fuzz-" + stamp + "-server.log"))) {
      Thread stopServer = new Thread(server::close, "stop-server");
      Runtime.getRuntime().addShutdownHook(stopServer); // Ctrl-C must not leave the server running
      Target target = server.target();
      Attacks attacks = new Attacks(target, tally, BOUND_MS);
      ConnectionCases connections = new ConnectionCases(target, attacks, tally, BOUND_MS, o.slowScale());
      InnocentPair innocents = new InnocentPair(server.webSocketUri(), tally);
      Map<String, Long> before = server.resources();
      AtomicLong sent = new AtomicLong();
      AtomicLong iterations = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(o.maxSeconds());
      ExecutorService pool = Executors.newFixedThreadPool(o.workers() + o.slowWorkers());
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < o.workers(); w++) {
        running.add(pool.submit(() -> {
          while (!stop.get() && sent.get() < o.inputs() && System.nanoTime() < deadline) {
            long i = iterations.getAndIncrement();
            SplittableRandom r = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + i);
            int k = r.nextInt(1000);
            try {
              sent.addAndGet(k < 97 ? connections.fast(r, i) : k < 291 ? attacks.framing(r, i)
                  : attacks.protocolBatch(r, i));
            } catch (RuntimeException e) {
              tally.fail("fuzzer.bugs", "iteration " + i + ": " + stackOf(e));
            }
          }
        }));
      }
      AtomicLong slowIterations = new AtomicLong(-1);
      for (int w = 0; w < o.slowWorkers(); w++) {
        running.add(pool.submit(() -> {
          while (!stop.get() && sent.get() < o.inputs() && System.nanoTime() < deadline) {
            long i = slowIterations.getAndDecrement();
            try {
              sent.addAndGet(connections.slow(new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + i), i));
            } catch (RuntimeException e) {
              tally.fail("fuzzer.bugs", "iteration " + i + ": " + stackOf(e));
            }
          }
        }));
      }
      while (running.stream().anyMatch(f -> !f.isDone())) {
        machine.sample();
        if (!server.alive()) {
          tally.fail("oracle.server-died", "the server process exited during the campaign");
          stop.set(true);
        }
        Thread.sleep(1000);
      }
      pool.shutdown();
      for (var f : running) {
        f.get(); // a fuzzer bug surfaces here instead of passing as a quiet run
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf("fuzz campaign: %,d inputs in %.1f s; letting the server close what it should%n",
          sent.get(), seconds);
      Thread.sleep(HANDSHAKE_DEADLINE_MS + 3000); // silent and half-open sockets end at the deadline
      if (!server.alive()) {
        tally.fail("oracle.server-died", "the server process exited after the campaign");
      }
      Map<String, Long> after = server.alive() ? server.resources() : Map.of();
      String metrics = server.alive() ? server.metrics() : "";
      innocents.close();
      Report report = new Report(o, stamp, commandLine, tally, seconds, before, after, metrics, server.logProblems(),
          server.firstProblems(), innocents, machine);
      report.write();
      Runtime.getRuntime().removeShutdownHook(stopServer);
      return report;
    }
  }
}
