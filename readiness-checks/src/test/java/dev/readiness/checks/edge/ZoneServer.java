package dev.readiness.checks.edge;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * A DNS server on loopback UDP answering from dnsjava {@link Zone}s loaded from zone files, following a CNAME into
 * another zone it holds as a recursive resolver would (NXDOMAIN when the chain ends at a name that does not exist), and
 * REFUSED for a name in none of its zones. A silent server receives questions and never answers.
 */
final class ZoneServer implements AutoCloseable {

    final AtomicInteger questions = new AtomicInteger();
    private final DatagramSocket socket;
    private final List<Zone> zones;
    private final boolean silent;
    private final Thread thread;

    private ZoneServer(boolean silent, List<Zone> zones) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.zones = zones;
        this.silent = silent;
        this.thread = new Thread(this::serve, "zone-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers for example.com from the given zone file, and for cdn.example.net from its own (resources beside this class). */
    static ZoneServer serving(String exampleComZoneFile) throws IOException {
        return new ZoneServer(false, List.of(zone("example.com.", exampleComZoneFile), zone("cdn.example.net.", "cdn.example.net.zone")));
    }

    private static Zone zone(String origin, String file) throws IOException {
        try (InputStream in = ZoneServer.class.getResourceAsStream(file)) {
            return new Zone(Name.fromString(origin), in);
        }
    }

    /** A server that never answers. */
    static ZoneServer silent() throws IOException {
        return new ZoneServer(true, List.of());
    }

    /** {@code 127.0.0.1:port}, as dnsServer is written. */
    String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                questions.incrementAndGet();
                if (silent) {
                    continue;
                }
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()))).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is no DNS message: nothing to answer
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        for (int hop = 0; hop < 8; hop++) {
            Name asked = name;
            Zone zone = zones.stream().filter(z -> asked.subdomain(z.getOrigin())).findFirst().orElse(null);
            if (zone == null) {
                response.getHeader().setRcode(hop == 0 ? Rcode.REFUSED : Rcode.NXDOMAIN);
                return response;
            }
            SetResponse found = zone.findRecords(name, question.getType());
            if (found.isSuccessful()) {
                for (RRset set : found.answers()) {
                    set.rrs().forEach(r -> response.addRecord(r, Section.ANSWER));
                }
                return response;
            } else if (found.isCNAME()) {
                response.addRecord(found.getCNAME(), Section.ANSWER);
                name = found.getCNAME().getTarget();
            } else {
                response.getHeader().setRcode(found.isNXDOMAIN() ? Rcode.NXDOMAIN : Rcode.NOERROR);
                return response;
            }
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
