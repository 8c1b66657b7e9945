package dev.ocpsummary.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a local server, for tests of a slow or stalled peer: every
 * chunk of the server's answers is held back for a delay before it is passed on, or, when stalled,
 * requests are read and never answered (the connection stays open, as with a hung server). Requests
 * always pass unchanged. Its threads end when it is closed; it only ever connects to the given port
 * of 127.0.0.1.
 */
public final class SlowTcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final long delayMillis;
  private final boolean stalled;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  private SlowTcpProxy(int targetPort, long delayMillis, boolean stalled) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.delayMillis = delayMillis;
    this.stalled = stalled;
    Thread acceptor = new Thread(this::accept, "slow-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Passes everything on, each chunk of an answer {@code delayMillis} late. */
  public static SlowTcpProxy delaying(int targetPort, long delayMillis) throws IOException {
    return new SlowTcpProxy(targetPort, delayMillis, false);
  }

  /** Accepts connections and requests, and never answers. */
  public static SlowTcpProxy stalled() throws IOException {
    return new SlowTcpProxy(-1, 0, true);
  }

  /** The proxy's endpoint, {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** The connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        connections.incrementAndGet();
        if (stalled) {
          start(() -> drain(client));
        } else {
          Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          sockets.add(server);
          start(() -> pump(client, server, 0));
          start(() -> pump(server, client, delayMillis));
        }
      } catch (IOException e) {
        if (!closed) {
          closeQuietly();
        }
        return;
      }
    }
  }

  private static void start(Runnable work) {
    Thread thread = new Thread(work, "slow-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void pump(Socket from, Socket to, long delay) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0 && !closed; n = in.read(buffer)) {
        if (delay > 0) {
          Thread.sleep(delay);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side went away: so does this direction
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeSocket(from);
      closeSocket(to);
    }
  }

  private void drain(Socket client) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = client.getInputStream()) {
      while (!closed && in.read(buffer) >= 0) {
        // read and never answer
      }
    } catch (IOException e) {
      // the client gave up
    } finally {
      closeSocket(client);
    }
  }

  private static void closeSocket(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private void closeQuietly() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(SlowTcpProxy::closeSocket);
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
