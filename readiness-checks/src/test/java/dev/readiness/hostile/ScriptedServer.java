package dev.readiness.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on loopback that answers every connection with bytes a script writes, for what
 * MockWebServer cannot say: a status line no HTTP server sends, a body that never ends, a peer
 * that is no HTTP server at all. It reads the request head (up to the blank line) before the
 * script runs, unless told not to, and records what each request head said.
 */
final class ScriptedServer implements AutoCloseable {

    /** What to do with one accepted connection. */
    @FunctionalInterface
    interface Script {
        void answer(OutputStream out, Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Script script;
    private final boolean readsRequest;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ScriptedServer(Script script, boolean readsRequest) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.readsRequest = readsRequest;
        Thread acceptor = new Thread(this::accept, "scripted-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server that reads each request head, then runs the script. */
    static ScriptedServer answering(Script script) throws IOException {
        return new ScriptedServer(script, true);
    }

    /** A server that runs the script as soon as a connection is accepted, reading nothing (a peer that is no HTTP server). */
    static ScriptedServer onConnect(Script script) throws IOException {
        return new ScriptedServer(script, false);
    }

    /** {@code http://127.0.0.1:<port>} followed by the path. */
    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many connections were accepted. */
    int connections() {
        return connections.get();
    }

    /** The request heads received, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!closed) {
            Socket accepted;
            try {
                accepted = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            open.add(accepted);
            Thread handler = new Thread(() -> handle(accepted), "scripted-connection-" + accepted.getPort());
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            if (readsRequest) {
                requests.add(head(connection.getInputStream()));
            }
            OutputStream out = connection.getOutputStream();
            script.answer(out, connection);
            out.flush();
        } catch (SocketException e) {
            // the client hung up: what a hostile peer's client should do
        } catch (IOException e) {
            // the same, seen while writing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request head, up to and without the blank line; at most 64 KiB of it. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < 64 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** Writes ASCII text. */
    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
