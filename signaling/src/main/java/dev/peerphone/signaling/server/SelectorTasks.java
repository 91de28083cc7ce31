package dev.peerphone.signaling.server;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks posted from other threads (Lettuce's event loop: deliveries from other nodes) on the
 * core executor <em>from the selector thread</em>, in posting order, as many as are waiting per
 * wake-up: what they send is then written straight to the sockets and gathered per connection
 * ({@link DirectWrites#decoding}), instead of each frame taking Java-WebSocket's queue +
 * {@code OP_WRITE} + selector wake-up path from a foreign thread.
 *
 * <p>The selector is woken by one byte on a pipe registered with Java-WebSocket's own selector
 * (a private field of 1.6.0, reached by reflection as {@link InlineDecoding} does); its key's
 * attachment is a connection that never opens, whose reads {@link WsTransport#queue} hands here.
 * At most one byte is outstanding ({@link #rung}): a burst of posts costs one wake-up.
 *
 * <p>Threading: {@link #execute} from any thread; {@link #drain} on the selector thread only.
 */
final class SelectorTasks implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SelectorTasks.class);
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** True from the post that wrote the wake-up byte until the selector thread starts draining. */
  private final AtomicBoolean rung = new AtomicBoolean();
  private final Pipe pipe;
  private final ByteBuffer bell = ByteBuffer.allocate(1);
  private final Executor core;
  private final DirectWrites writes;
  /** The pipe's end as Java-WebSocket sees it: a connection that only ever reads the wake-up bytes. */
  final WebSocketImpl doorbell;

  private SelectorTasks(Pipe pipe, Executor core, DirectWrites writes, WebSocketListener listener) {
    this.pipe = pipe;
    this.core = core;
    this.writes = writes;
    this.doorbell = new WebSocketImpl(listener, new Draft_6455());
    doorbell.setChannel(new Source(pipe.source()));
  }

  /**
   * Selector thread ({@code onStart}): registers the doorbell with {@code server}'s selector; null
   * (and a warning) when this Java-WebSocket version has no such field, and callers keep their
   * own path.
   */
  static SelectorTasks attach(WebSocketServer server, Executor core, DirectWrites writes) {
    try {
      Field field = WebSocketServer.class.getDeclaredField("selector");
      field.setAccessible(true);
      if (!(field.get(server) instanceof Selector selector)) {
        throw new IllegalStateException("no selector");
      }
      Pipe pipe = Pipe.open();
      pipe.source().configureBlocking(false);
      SelectorTasks tasks = new SelectorTasks(pipe, core, writes, server);
      tasks.doorbell.setSelectionKey(pipe.source().register(selector, SelectionKey.OP_READ, tasks.doorbell));
      return tasks;
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      log.warn("Deliveries from other nodes take the core's own thread ({}); one more wake-up each", e.toString());
      return null;
    }
  }

  /** Any thread: runs {@code task} on the core from the selector thread, after those posted before it. */
  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (!rung.getAndSet(true)) {
      synchronized (bell) {
        bell.clear();
        try {
          pipe.sink().write(bell);
        } catch (IOException e) { // the server is stopping: nothing will drain it
          log.debug("Cannot wake the selector: {}", e.toString());
        }
      }
    }
  }

  /** Selector thread, when the pipe was readable: runs everything posted, on the core, in one go. */
  void drain() {
    rung.set(false); // before polling: a post after this point rings again
    List<Runnable> batch = new ArrayList<>();
    for (Runnable next; (next = tasks.poll()) != null; ) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    writes.decoding(() -> core.execute(() -> {
      for (Runnable task : batch) {
        try {
          task.run();
        } catch (RuntimeException e) { // one bad delivery must not drop the rest of the batch
          log.error("Core task failed", e);
        }
      }
    }));
  }

  /** Closes the pipe (after the server stopped). */
  void close() {
    try {
      pipe.sink().close();
      pipe.source().close();
    } catch (IOException e) {
      log.debug("Closing the doorbell pipe: {}", e.toString());
    }
  }

  /** The pipe's source as the {@link ByteChannel} Java-WebSocket reads a connection from. */
  private record Source(Pipe.SourceChannel source) implements ByteChannel {
    @Override
    public int read(ByteBuffer dst) throws IOException {
      return source.read(dst);
    }

    @Override
    public int write(ByteBuffer src) {
      throw new UnsupportedOperationException("the doorbell is never written to");
    }

    @Override
    public boolean isOpen() {
      return source.isOpen();
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }
}
