package dev.peerphone.app.testing;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Starts in-process clients with synthetic media and closes them all at the end of a test. */
public final class Peers implements AutoCloseable {
  private final TestServer server;
  private final List<PeerClient> clients = new ArrayList<>();

  public Peers(TestServer server) {
    this.server = server;
  }

  /** Peers for servers the test names itself: only {@link #start(URI, String, Recorder)} applies. */
  public Peers() {
    this(null);
  }

  /** A client that answers calls by itself, logged in when this returns. */
  public PeerClient start(String name, Recorder recorder) {
    return start(name, recorder, CallOptions.defaults().withAutoAnswer(true), MediaConfig.synthetic());
  }

  /** As {@link #start(String, Recorder)}, connecting to {@code uri} (a proxy to the server). */
  public PeerClient start(URI uri, String name, Recorder recorder) {
    return start(uri, name, recorder, CallOptions.defaults().withAutoAnswer(true), MediaConfig.synthetic());
  }

  public PeerClient start(String name, Recorder recorder, CallOptions options, MediaConfig media) {
    return start(server.uri(), name, recorder, options, media);
  }

  private PeerClient start(URI uri, String name, Recorder recorder, CallOptions options, MediaConfig media) {
    PeerClient c = new PeerClient(uri, name, media, options, recorder);
    clients.add(c);
    c.start();
    recorder.await(CallEvent.LoggedIn.class);
    return c;
  }

  @Override
  public void close() {
    for (PeerClient c : clients) {
      c.close();
    }
  }
}
