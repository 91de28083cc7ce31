package dev.peerphone.app.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps stdout for the JSON event lines alone. webrtc-java's native library writes to file
 * descriptor 1 on its own (its JNI thread attach, {@code AttachCurrentThread} in
 * libwebrtc-java, prints {@code VM attach current thread failed} and {@code Failed to attach
 * thread N} when native threads still run while the JVM shuts down),
 * and so might any other native code. On POSIX systems (Linux, macOS) {@link #take()} moves the
 * real stdout to a new descriptor ({@code dup(1)}), points descriptor 1 at stderr ({@code dup2(2,
 * 1)}) and returns a stream writing to the saved descriptor: whatever else prints to "stdout"
 * from then on, Java's {@code System.out} included, lands on stderr. Elsewhere (Windows) it
 * returns {@code System.out} unchanged.
 *
 * <p>Call it before any native library is loaded and before other threads print. Not thread-safe
 * itself; the returned stream is (a {@link PrintStream}).
 */
final class JsonStdout {
  private JsonStdout() {}

  /** The subset of the C library used here. */
  interface LibC extends Library {
    int dup(int fd);

    int dup2(int from, int to);

    long write(int fd, byte[] buf, long count);
  }

  /** The stream for JSON lines; descriptor 1 goes to stderr from now on where that is possible. */
  static PrintStream take() {
    if (Platform.isWindows()) {
      return System.out;
    }
    try {
      LibC c = Native.load("c", LibC.class);
      System.out.flush();
      int saved = c.dup(1);
      if (saved < 0) {
        return System.out;
      }
      if (c.dup2(2, 1) < 0) {
        return System.out;
      }
      return new PrintStream(new FdStream(c, saved), false, StandardCharsets.UTF_8);
    } catch (LinkageError | RuntimeException e) {
      System.err.println("peerphone: stdout shared with native output (" + e.getMessage() + ")");
      return System.out;
    }
  }

  /** Unbuffered writes to one descriptor with the C library's {@code write}, retried until done. */
  private static final class FdStream extends OutputStream {
    private final LibC c;
    private final int fd;

    FdStream(LibC c, int fd) {
      this.c = c;
      this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      byte[] buf = off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
      int done = 0;
      while (done < len) {
        byte[] rest = done == 0 ? buf : java.util.Arrays.copyOfRange(buf, done, len);
        long n = c.write(fd, rest, rest.length);
        if (n < 0) {
          int errno = Native.getLastError();
          if (errno == 4) { // EINTR
            continue;
          }
          throw new IOException("write to stdout failed, errno " + errno);
        }
        done += (int) n;
      }
    }
  }
}
