package dev.peerphone.signaling.server;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A connected socket whose first bytes were already read (to sniff the protocol): reads return
 * those bytes first, then the socket's. Everything else goes to the real channel. Used only as
 * the raw channel under Java-WebSocket's TLS channel or as the plain one (see {@link TlsOrPlainChannel}).
 */
final class ReplayingSocketChannel extends SocketChannel {
  private final SocketChannel socket;
  private final ByteBuffer replay;

  ReplayingSocketChannel(SocketChannel socket, ByteBuffer replay) throws IOException {
    super(socket.provider());
    this.socket = socket;
    this.replay = replay;
    configureBlocking(socket.isBlocking());
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!replay.hasRemaining()) {
      return socket.read(dst);
    }
    int n = Math.min(replay.remaining(), dst.remaining());
    ByteBuffer slice = replay.slice();
    slice.limit(n);
    dst.put(slice);
    replay.position(replay.position() + n);
    if (dst.hasRemaining()) {
      int more = socket.read(dst);
      n += Math.max(0, more); // an end of stream shows on the next read
    }
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    if (!replay.hasRemaining()) {
      return socket.read(dsts, offset, length);
    }
    for (int i = offset; i < offset + length; i++) {
      if (dsts[i].hasRemaining()) {
        return read(dsts[i]);
      }
    }
    return 0;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return socket.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return socket.write(srcs, offset, length);
  }

  @Override
  public SocketChannel bind(SocketAddress local) throws IOException {
    socket.bind(local);
    return this;
  }

  @Override
  public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
    socket.setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return socket.getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return socket.supportedOptions();
  }

  @Override
  public SocketChannel shutdownInput() throws IOException {
    socket.shutdownInput();
    return this;
  }

  @Override
  public SocketChannel shutdownOutput() throws IOException {
    socket.shutdownOutput();
    return this;
  }

  @Override
  public Socket socket() {
    return socket.socket();
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public boolean isConnectionPending() {
    return socket.isConnectionPending();
  }

  @Override
  public boolean connect(SocketAddress remote) throws IOException {
    return socket.connect(remote);
  }

  @Override
  public boolean finishConnect() throws IOException {
    return socket.finishConnect();
  }

  @Override
  public SocketAddress getRemoteAddress() throws IOException {
    return socket.getRemoteAddress();
  }

  @Override
  public SocketAddress getLocalAddress() throws IOException {
    return socket.getLocalAddress();
  }

  @Override
  protected void implCloseSelectableChannel() throws IOException {
    socket.close();
  }

  @Override
  protected void implConfigureBlocking(boolean block) throws IOException {
    socket.configureBlocking(block);
  }
}
