package dev.readiness.checks.coverage;

import dev.readiness.check.CheckLog;
import dev.readiness.io.AtomicWrite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.jacoco.core.JaCoCo;

/**
 * A content-addressed cache of per-class counters, so that a rebuild re-analyses only the classes that
 * changed. An entry's key is the SHA-256 of the class file's bytes and of the probe array the execution
 * data holds for it (or its absence); the JaCoCo version, whose analysis and filters made the counters,
 * and this file format are the pack's header, so another version misses as a whole. The value is what
 * {@link ClassCounters} keeps, or that JaCoCo reports nothing for the class (a synthetic class).
 *
 * <p>Entries are kept in one pack file per class folder (one read and at most one write a run instead of a
 * file per class): {@code <folder>/<SHA-256 of the label>.bin}, holding the entries this run used. A pack is
 * written to a temporary name and moved in place, and carries a CRC-32C of its content: a pack that is
 * unreadable, cut short, of another format or JaCoCo version, or whose checksum does not match, is a miss
 * as a whole, never a wrong count. The folder keeps the {@value #MAX_PACKS} most recently used packs.
 * Failures to write are logged and otherwise ignored: the cache only saves time.
 */
final class CounterCache {

    /** The most packs kept in the folder; the least recently used beyond it are deleted. */
    static final int MAX_PACKS = 64;

    /** The most of one pack read: about 700,000 classes' counters. */
    static final long MAX_PACK_BYTES = 128L << 20;

    private static final int MAGIC = 0x52434331; // "RCC1"

    /** What made the counters: a pack of anything else is a miss. */
    private static final String FORMAT = "readiness coverage counters 1; JaCoCo " + JaCoCo.VERSION;

    /** What a lookup found: the class's counters, or {@code null} counters when JaCoCo reports nothing for it. */
    record Hit(ClassCounters counters) {
    }

    private static final Hit NOTHING = new Hit(null);

    private final Path folder;
    private final Path pack;
    private final CheckLog log;
    private final Map<ByteBuffer, Hit> loaded;
    private final Map<ByteBuffer, Hit> used = new ConcurrentHashMap<>();
    private volatile boolean added;

    private CounterCache(Path folder, Path pack, CheckLog log, Map<ByteBuffer, Hit> loaded) {
        this.folder = folder;
        this.pack = pack;
        this.log = log;
        this.loaded = loaded;
    }

    /**
     * The cache of one class folder's counters, loaded from {@code folder}.
     *
     * @param label what the pack is for, e.g. the class folder's absolute path: runs of one label share a pack
     */
    static CounterCache open(Path folder, String label, CheckLog log) {
        Path pack = folder.resolve(HexFormat.of().formatHex(sha256().digest(label.getBytes(StandardCharsets.UTF_8))) + ".bin");
        return new CounterCache(folder, pack, log, read(pack, log));
    }

    /** A fresh SHA-256 digest, for {@link #key}; one per thread. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The key of a class file's counters: its bytes and its probes ({@code null}: the execution data has no record of it). */
    static ByteBuffer key(MessageDigest sha, byte[] classBytes, boolean[] probes) {
        sha.reset();
        sha.update(classBytes);
        if (probes == null) {
            sha.update((byte) 0);
        } else {
            byte[] bits = new byte[5 + (probes.length + 7) / 8];
            bits[0] = 1;
            ByteBuffer.wrap(bits, 1, 4).putInt(probes.length);
            for (int i = 0; i < probes.length; i++) {
                if (probes[i]) {
                    bits[5 + i / 8] |= (byte) (1 << (i % 8));
                }
            }
            sha.update(bits);
        }
        return ByteBuffer.wrap(sha.digest());
    }

    /** The entry of this key, or {@code null} on a miss. */
    Hit get(ByteBuffer key) {
        Hit hit = loaded.get(key);
        if (hit != null) {
            used.put(key, hit);
        }
        return hit;
    }

    /** Records a class's counters, {@code null} when JaCoCo reported nothing for it. */
    void put(ByteBuffer key, ClassCounters counters) {
        used.put(key, counters == null ? NOTHING : new Hit(counters));
        added = true;
    }

    /** Writes the entries this run used as the pack, unless they are what it holds; then keeps the folder to its bound. */
    void save() {
        try {
            if (!added && used.size() == loaded.size()) {
                if (!loaded.isEmpty()) {
                    Files.setLastModifiedTime(pack, FileTime.fromMillis(System.currentTimeMillis()));
                }
                return;
            }
            AtomicWrite.replace(pack, write(used));
            prune();
        } catch (IOException | RuntimeException e) {
            log.debug("could not write the coverage counter cache " + pack + ": " + e.getMessage());
        }
    }

    private void prune() throws IOException {
        List<Path> packs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.bin")) {
            files.forEach(packs::add);
        }
        if (packs.size() <= MAX_PACKS) {
            return;
        }
        packs.sort(Comparator.comparing(CounterCache::modified).reversed());
        for (Path old : packs.subList(MAX_PACKS, packs.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static byte[] write(Map<ByteBuffer, Hit> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 160);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeUTF(FORMAT);
        out.writeInt(entries.size());
        for (Map.Entry<ByteBuffer, Hit> entry : entries.entrySet()) {
            out.write(entry.getKey().array());
            ClassCounters counters = entry.getValue().counters();
            out.writeBoolean(counters != null);
            if (counters != null) {
                counters.writeTo(out);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static Map<ByteBuffer, Hit> read(Path pack, CheckLog log) {
        Map<ByteBuffer, Hit> entries = new ConcurrentHashMap<>();
        try {
            if (!Files.isRegularFile(pack) || Files.size(pack) > MAX_PACK_BYTES) {
                return entries;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(pack)) {
                bytes = in.readNBytes((int) MAX_PACK_BYTES + 1);
            }
            if (bytes.length < Integer.BYTES || bytes.length > MAX_PACK_BYTES) {
                throw new IOException("it is not a pack of this size: " + bytes.length + " bytes");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - Integer.BYTES);
            if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Integer.BYTES, Integer.BYTES).getInt()) {
                throw new IOException("its checksum does not match (cut short or corrupt)");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Integer.BYTES));
            if (in.readInt() != MAGIC || !FORMAT.equals(in.readUTF())) {
                throw new IOException("it is of another format or JaCoCo version");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[32];
                in.readFully(key);
                entries.put(ByteBuffer.wrap(key), in.readBoolean() ? new Hit(ClassCounters.readFrom(in)) : NOTHING);
            }
            if (in.available() != 0) {
                throw new IOException("it holds more than its entries");
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            log.debug("coverage counter cache " + pack + " is not usable (" + e.getMessage() + "); analysing every class");
            return new ConcurrentHashMap<>();
        }
    }
}
