package dev.peerphone.app.audio;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libpulse connection and the daemon thread ("pulse-client") that runs its {@code
 * pa_mainloop}. It speaks Java: requests take a callback, results arrive as records.
 *
 * <p>Threading: libpulse's mainloop and context are not thread-safe, so every libpulse call
 * happens on the pulse-client thread. Other threads may only {@link #post} tasks (queued, then
 * the loop is woken with {@code pa_mainloop_wakeup}) and {@link #close}. The request methods
 * ({@link #sources}, {@link #moveSourceOutput}, ...) must be called on the pulse-client thread,
 * from a posted task or a result callback, and deliver their results on it. Callbacks never let
 * an exception reach libpulse, and every JNA callback object stays referenced (in {@link
 * #inFlight} or a field) for as long as libpulse may call it.
 */
final class PulseClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PulseClient.class);
  private static final Runnable WAKE = () -> {};

  /** A sink or source: {@code monitor} is true for a sink's monitor source. */
  record Device(int index, String name, String description, boolean monitor) {}

  /** A playback or recording stream, its device's index, and who owns it. */
  record Stream(int index, int device, String application, String processId) {}

  /** The server's identity and defaults (either default may be null). */
  record Server(String name, String version, String defaultSink, String defaultSource) {}

  private final PulseLib pa;
  private final Pointer mainloop;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile boolean closing;
  /** Guards {@link #freed}: wakeups from other threads must not touch a freed mainloop. */
  private final Object wakeLock = new Object();
  private boolean freed;

  // Pulse-client thread only.
  private Pointer context;
  private boolean failed;
  private boolean lostReported;
  private Runnable onLost = () -> {};
  private final Set<Callback> inFlight = new HashSet<>();
  private final PulseLib.ContextNotifyCb stateCallback = (c, userdata) -> guard("state", this::stateChanged);
  private PulseLib.SubscribeCb subscribeCallback;

  private PulseClient(PulseLib pa, Pointer mainloop, String appName, String server) {
    this.pa = pa;
    this.mainloop = mainloop;
    this.thread = new Thread(() -> run(appName, server), "pulse-client");
    thread.setDaemon(true);
  }

  /**
   * Connects the standard way ({@code server} null: {@code PULSE_SERVER}, client.conf, the user's
   * socket), never autospawning a daemon. Empty if there is no libpulse, no server, or no answer
   * within {@code timeout}; then nothing is left running.
   */
  static Optional<PulseClient> open(String appName, String server, Duration timeout) {
    PulseLib pa;
    try {
      pa = PulseLib.load();
    } catch (LinkageError e) {
      log.info("no libpulse here: {}", e.toString());
      return Optional.empty();
    }
    Pointer mainloop = pa.pa_mainloop_new();
    if (mainloop == null) {
      return Optional.empty();
    }
    PulseClient client = new PulseClient(pa, mainloop, appName, server);
    client.thread.start();
    try {
      client.ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Optional.of(client);
    } catch (TimeoutException e) {
      log.warn("no answer from a sound server within {} ms", timeout.toMillis());
    } catch (ExecutionException e) {
      log.info("no sound server: {}", e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.shutdown();
    return Optional.empty();
  }

  /** Runs {@code task} on the pulse-client thread; dropped once closed. Any thread. */
  void post(Runnable task) {
    if (!closing) {
      tasks.add(task);
      wake();
    }
  }

  /** Runs {@code onLost} on the pulse-client thread if the server goes away (not on close). */
  void onLost(Runnable onLost) {
    this.onLost = onLost;
  }

  /** Subscribes to {@code mask} (PulseLib.SUBSCRIPTION_MASK_*); events get the raw event type. */
  void subscribe(int mask, IntConsumer events) {
    subscribeCallback = (c, type, index, userdata) -> guard("event", () -> events.accept(type));
    pa.pa_context_set_subscribe_callback(context, subscribeCallback, null);
    submit("subscribe", new Done("subscribe"), cb -> pa.pa_context_subscribe(context, mask, cb, null));
  }

  void serverInfo(Consumer<Server> done) {
    submit("server info", new ServerCallback(done), cb -> pa.pa_context_get_server_info(context, cb, null));
  }

  void sinks(Consumer<List<Device>> done) {
    list("sinks", cb -> pa.pa_context_get_sink_info_list(context, cb, null), p -> {
      PulseStructs.SinkInfo i = new PulseStructs.SinkInfo(p);
      return new Device(i.index, PulseLib.utf8(i.name), PulseLib.utf8(i.description), false);
    }, done);
  }

  void sources(Consumer<List<Device>> done) {
    list("sources", cb -> pa.pa_context_get_source_info_list(context, cb, null), p -> {
      PulseStructs.SourceInfo i = new PulseStructs.SourceInfo(p);
      return new Device(i.index, PulseLib.utf8(i.name), PulseLib.utf8(i.description),
          i.monitorOfSink != PulseLib.INVALID_INDEX);
    }, done);
  }

  void sinkInputs(Consumer<List<Stream>> done) {
    list("sink inputs", cb -> pa.pa_context_get_sink_input_info_list(context, cb, null), p -> {
      PulseStructs.SinkInputInfo i = new PulseStructs.SinkInputInfo(p);
      return stream(i.index, i.sink, i.proplist);
    }, done);
  }

  void sourceOutputs(Consumer<List<Stream>> done) {
    list("source outputs", cb -> pa.pa_context_get_source_output_info_list(context, cb, null), p -> {
      PulseStructs.SourceOutputInfo i = new PulseStructs.SourceOutputInfo(p);
      return stream(i.index, i.source, i.proplist);
    }, done);
  }

  /** Moves a playback stream; a failure (the stream or sink went meanwhile) is only logged. */
  void moveSinkInput(int stream, String sink) {
    String what = "move sink input " + stream + " to " + sink;
    submit(what, new Done(what), cb -> pa.pa_context_move_sink_input_by_name(context, stream, sink, cb, null));
  }

  /** Moves a recording stream; a failure is only logged. */
  void moveSourceOutput(int stream, String source) {
    String what = "move source output " + stream + " to " + source;
    submit(what, new Done(what), cb -> pa.pa_context_move_source_output_by_name(context, stream, source, cb, null));
  }

  private Stream stream(int index, int device, Pointer proplist) {
    String app = proplist == null ? null : PulseLib.utf8(pa.pa_proplist_gets(proplist, "application.name"));
    String pid = proplist == null ? null : PulseLib.utf8(pa.pa_proplist_gets(proplist, "application.process.id"));
    return new Stream(index, device, app, pid);
  }

  /** Sends a request; its callback object stays referenced until it reports back. */
  private <C extends Callback> void submit(String what, C callback, Function<C, Pointer> request) {
    inFlight.add(callback);
    Pointer operation = request.apply(callback);
    if (operation == null) {
      inFlight.remove(callback);
      log.warn("{} not sent: {}", what, error());
      return;
    }
    pa.pa_operation_unref(operation);
  }

  private <T> void list(String what, Function<PulseLib.InfoListCb, Pointer> request, Function<Pointer, T> read,
      Consumer<List<T>> done) {
    submit(what, new ListCallback<>(what, read, done), request);
  }

  /** Collects one info list; libpulse calls it once per item, then once with eol != 0. */
  private final class ListCallback<T> implements PulseLib.InfoListCb {
    private final String what;
    private final Function<Pointer, T> read;
    private final Consumer<List<T>> done;
    private final List<T> items = new ArrayList<>();

    ListCallback(String what, Function<Pointer, T> read, Consumer<List<T>> done) {
      this.what = what;
      this.read = read;
      this.done = done;
    }

    @Override
    public void invoke(Pointer c, Pointer info, int eol, Pointer userdata) {
      guard(what, () -> {
        if (eol == 0) {
          items.add(read.apply(info));
          return;
        }
        inFlight.remove(this);
        if (eol < 0) {
          log.warn("{} failed: {}", what, error());
        } else {
          done.accept(List.copyOf(items));
        }
      });
    }
  }

  private final class ServerCallback implements PulseLib.ServerInfoCb {
    private final Consumer<Server> done;

    ServerCallback(Consumer<Server> done) {
      this.done = done;
    }

    @Override
    public void invoke(Pointer c, Pointer info, Pointer userdata) {
      guard("server info", () -> {
        inFlight.remove(this);
        if (info == null) {
          log.warn("server info failed: {}", error());
          return;
        }
        PulseStructs.ServerInfo i = new PulseStructs.ServerInfo(info);
        done.accept(new Server(PulseLib.utf8(i.serverName), PulseLib.utf8(i.serverVersion),
            PulseLib.utf8(i.defaultSinkName), PulseLib.utf8(i.defaultSourceName)));
      });
    }
  }

  /** A {@code pa_context_success_cb_t} that logs a failure and lets go of itself. */
  private final class Done implements PulseLib.SuccessCb {
    private final String what;

    Done(String what) {
      this.what = what;
    }

    @Override
    public void invoke(Pointer c, int success, Pointer userdata) {
      guard(what, () -> {
        inFlight.remove(this);
        if (success == 0) {
          log.info("{} failed: {}", what, error());
        }
      });
    }
  }

  private void run(String appName, String server) {
    try {
      context = pa.pa_context_new(pa.pa_mainloop_get_api(mainloop), appName);
      if (context == null) {
        ready.completeExceptionally(new IOException("pa_context_new failed"));
        return;
      }
      pa.pa_context_set_state_callback(context, stateCallback, null);
      if (pa.pa_context_connect(context, server, PulseLib.CONTEXT_NOAUTOSPAWN, null) < 0) {
        ready.completeExceptionally(new IOException(error()));
        return;
      }
      loop();
      ended("the mainloop stopped");
    } catch (Throwable t) {
      log.error("pulse client thread failed", t);
      ended(t.toString());
    } finally {
      tearDown();
    }
  }

  /**
   * prepare → poll → dispatch → our tasks. {@code pa_mainloop_prepare} empties the wakeup pipe,
   * so a task queued just before it would sleep until some other event: after prepare, a
   * non-empty queue wakes the loop again (a {@code pa_mainloop_iterate} loop would lose it).
   */
  private void loop() {
    while (!closing && !failed) {
      if (pa.pa_mainloop_prepare(mainloop, -1) < 0) {
        return;
      }
      if (!tasks.isEmpty()) {
        pa.pa_mainloop_wakeup(mainloop);
      }
      if (pa.pa_mainloop_poll(mainloop) < 0 || pa.pa_mainloop_dispatch(mainloop) < 0) {
        return;
      }
      for (Runnable task; !closing && !failed && (task = tasks.poll()) != null; ) {
        guard("task", task);
      }
    }
  }

  private void stateChanged() {
    int state = pa.pa_context_get_state(context);
    if (state == PulseLib.CONTEXT_READY) {
      ready.complete(null);
    } else if (state == PulseLib.CONTEXT_FAILED || state == PulseLib.CONTEXT_TERMINATED) {
      failed = true;
      ended(error());
    }
  }

  /** The connection is over: fails the handshake, or reports the loss once unless closing. */
  private void ended(String why) {
    if (ready.completeExceptionally(new IOException(why)) || closing || lostReported) {
      return;
    }
    lostReported = true;
    log.warn("lost the sound server: {}", why);
    guard("lost", onLost);
  }

  private void tearDown() {
    if (context != null) {
      pa.pa_context_set_state_callback(context, null, null);
      pa.pa_context_set_subscribe_callback(context, null, null);
      pa.pa_context_disconnect(context);
      pa.pa_context_unref(context);
      context = null;
    }
    synchronized (wakeLock) {
      freed = true;
      pa.pa_mainloop_free(mainloop);
    }
    ready.completeExceptionally(new IOException("closed"));
    inFlight.clear();
    tasks.clear();
  }

  private String error() {
    return context == null ? "no context" : PulseLib.utf8(pa.pa_strerror(pa.pa_context_errno(context)));
  }

  private void wake() {
    synchronized (wakeLock) {
      if (!freed) {
        pa.pa_mainloop_wakeup(mainloop);
      }
    }
  }

  /** Runs a callback body; nothing it throws may unwind into libpulse. */
  private static void guard(String what, Runnable body) {
    try {
      body.run();
    } catch (Throwable t) {
      log.error("pulse {} callback failed", what, t);
    }
  }

  /** Asks the thread to disconnect and end, without waiting. */
  private void shutdown() {
    closing = true;
    tasks.add(WAKE);
    wake();
  }

  /**
   * Disconnects, ends the thread and frees the mainloop; waits (up to 2 s) for that unless called
   * on the pulse-client thread itself. Idempotent; any thread.
   */
  @Override
  public void close() {
    shutdown();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
