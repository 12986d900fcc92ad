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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.jacoco.core.JaCoCo;

/**
 * A cache of per-class counters, so that a rebuild re-analyses only the classes that changed, and a stat
 * index, so that a run reads only the class files that changed.
 *
 * <p>An entry's key is JaCoCo's class id (the CRC64 of the class file's bytes, the id the execution data
 * carries), the file's length, and the probe array the execution data holds for that id (or its absence);
 * the JaCoCo version, whose analysis and filters made the counters, and this file format are the pack's
 * header, so another version misses as a whole. The value is what {@link ClassCounters} keeps, or that
 * JaCoCo reports nothing for the class (a synthetic class).
 *
 * <p>The stat index maps each class file (its path in the folder) to the {@link Stat} it had when it was
 * last read and the class id its bytes had: a file whose stat is the same is not read again, as git decides.
 * The stat holds the size, the modification time, the file key (device and inode) and, where the file system
 * keeps one, the status-change time (ctime), which every write moves and no program can set back, so that a
 * file rewritten in place with its size and modification time restored (as archivers do) is read again; where
 * there is no ctime, such a file is taken for unchanged, as make would. Against files written in the same
 * instant as the listing (git's "racy clean" files), an entry whose modification time is not
 * {@link #RACY_NANOS} older than the start of the run that wrote the pack is not trusted: that file is read
 * again. That start is the check's clock, which must agree with the class folder's file system within that
 * window.
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

    /** The most of one pack read: about 500,000 classes' counters and stats. */
    static final long MAX_PACK_BYTES = 128L << 20;

    /** How much older than the run that wrote the pack a file's modification time must be for its stat to be trusted. */
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final int MAGIC = 0x52434333; // "RCC3"

    /** What made the counters: a pack of anything else is a miss. */
    private static final String FORMAT = "readiness coverage counters 3; JaCoCo " + JaCoCo.VERSION;

    /** What a lookup found: the class's counters, or {@code null} counters when JaCoCo reports nothing for it. */
    record Hit(ClassCounters counters) {
    }

    /**
     * A class file as one stat of it shows it.
     *
     * @param modifiedNanos its last-modified time, in nanoseconds since the epoch (as precise as the file system keeps it)
     * @param fileKey       what identifies the file on its file system (device and inode), or {@code null} where it has none
     * @param changedNanos  its status-change time (ctime), which no program can set back, in nanoseconds since the epoch;
     *                      {@link Long#MIN_VALUE} where the file system has none or it could not be read
     */
    record Stat(long size, long modifiedNanos, String fileKey, long changedNanos) {

        /** The stat of {@code file}, whose basic attributes a listing already read; its ctime read where there is one. */
        static Stat of(Path file, BasicFileAttributes attributes) {
            long changed = Long.MIN_VALUE;
            if (file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                try {
                    changed = ((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.NANOSECONDS);
                } catch (IOException | RuntimeException e) {
                    // unknown: it matches only a stat whose ctime was unknown too
                }
            }
            return new Stat(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.fileKey() == null ? null : attributes.fileKey().toString(), changed);
        }
    }

    private record Indexed(Stat stat, long classId) {
    }

    /** What a pack holds; {@code began}: when the run that wrote it began, in nanoseconds since the epoch (not negative). */
    private record Pack(Map<ByteBuffer, Hit> counters, Map<String, Indexed> index, long began) {
        static Pack empty() {
            return new Pack(Map.of(), Map.of(), 0);
        }
    }

    private static final Hit NOTHING = new Hit(null);

    private final Path folder;
    private final Path pack;
    private final CheckLog log;
    private final Pack loaded;
    private final long began;
    private final Map<ByteBuffer, Hit> used = new ConcurrentHashMap<>();
    private final Map<String, Indexed> seen = new ConcurrentHashMap<>();
    private volatile boolean changed;

    private CounterCache(Path folder, Path pack, CheckLog log, Pack loaded, long began) {
        this.folder = folder;
        this.pack = pack;
        this.log = log;
        this.loaded = loaded;
        this.began = began;
    }

    /**
     * The cache of one class folder's counters, loaded from {@code folder}; to be opened before the class files are listed.
     *
     * @param label what the pack is for, e.g. the class folder's absolute path: runs of one label share a pack
     * @param clock the clock that says when this run began, for the racy-clean rule
     */
    static CounterCache open(Path folder, String label, Clock clock, CheckLog log) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        Path pack = folder.resolve(HexFormat.of().formatHex(sha.digest(label.getBytes(StandardCharsets.UTF_8))) + ".bin");
        long began = FileTime.from(clock.instant()).to(TimeUnit.NANOSECONDS);
        return new CounterCache(folder, pack, log, read(pack, log), began);
    }

    /**
     * The key of a class file's counters: JaCoCo's id of its bytes, their length, and its probes ({@code null}: the
     * execution data has no record of that id).
     */
    static ByteBuffer key(long classId, int length, boolean[] probes) {
        int probeBytes = probes == null ? 0 : Integer.BYTES + (probes.length + 7) / 8;
        ByteBuffer key = ByteBuffer.allocate(Long.BYTES + Integer.BYTES + 1 + probeBytes);
        key.putLong(classId).putInt(length).put((byte) (probes == null ? 0 : 1));
        if (probes != null) {
            key.putInt(probes.length);
            byte[] bits = new byte[(probes.length + 7) / 8];
            for (int i = 0; i < probes.length; i++) {
                if (probes[i]) {
                    bits[i / 8] |= (byte) (1 << (i % 8));
                }
            }
            key.put(bits);
        }
        return key.flip();
    }

    /**
     * The class id of the file at {@code path} (relative to the class folder) when the index holds it with this very
     * stat and its modification time is outside the racy window; else {@code null}: the file is to be read.
     */
    Long indexedId(String path, Stat stat) {
        Indexed entry = loaded.index().get(path);
        if (entry == null || !entry.stat().equals(stat) || stat.modifiedNanos() >= loaded.began() - RACY_NANOS) {
            return null;
        }
        seen.put(path, entry);
        return entry.classId();
    }

    /** Records the class id of a file just read, with the stat it was listed with (of the same length as the bytes read). */
    void index(String path, Stat stat, long classId) {
        seen.put(path, new Indexed(stat, classId));
        changed = true;
    }

    /** The entry of this key, or {@code null} on a miss. */
    Hit get(ByteBuffer key) {
        Hit hit = loaded.counters().get(key);
        if (hit != null) {
            used.put(key, hit);
        }
        return hit;
    }

    /** Records a class's counters, {@code null} when JaCoCo reported nothing for it. */
    void put(ByteBuffer key, ClassCounters counters) {
        used.put(key, counters == null ? NOTHING : new Hit(counters));
        changed = true;
    }

    /**
     * Writes the entries and stats this run used as the pack, unless they are what it holds (no file was read, none
     * dropped out); then keeps the folder to its bound.
     */
    void save() {
        try {
            if (!changed && used.size() == loaded.counters().size() && seen.size() == loaded.index().size()) {
                if (!used.isEmpty()) {
                    Files.setLastModifiedTime(pack, FileTime.fromMillis(System.currentTimeMillis()));
                }
                return;
            }
            AtomicWrite.replace(pack, write(new Pack(used, seen, began)));
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

    private static byte[] write(Pack entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.counters().size() * 160 + entries.index().size() * 100);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeUTF(FORMAT);
        out.writeLong(entries.began());
        out.writeInt(entries.counters().size());
        for (Map.Entry<ByteBuffer, Hit> entry : entries.counters().entrySet()) {
            ByteBuffer key = entry.getKey().duplicate();
            out.writeInt(key.remaining());
            out.write(key.array(), key.arrayOffset() + key.position(), key.remaining());
            ClassCounters counters = entry.getValue().counters();
            out.writeBoolean(counters != null);
            if (counters != null) {
                counters.writeTo(out);
            }
        }
        out.writeInt(entries.index().size());
        for (Map.Entry<String, Indexed> entry : entries.index().entrySet()) {
            Stat stat = entry.getValue().stat();
            out.writeUTF(entry.getKey());
            out.writeLong(stat.size());
            out.writeLong(stat.modifiedNanos());
            out.writeBoolean(stat.fileKey() != null);
            if (stat.fileKey() != null) {
                out.writeUTF(stat.fileKey());
            }
            out.writeLong(stat.changedNanos());
            out.writeLong(entry.getValue().classId());
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static Pack read(Path pack, CheckLog log) {
        try {
            if (!Files.isRegularFile(pack) || Files.size(pack) > MAX_PACK_BYTES) {
                return Pack.empty();
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
            long began = in.readLong();
            if (began < 0) {
                throw new IOException("it was written before 1970");
            }
            Map<ByteBuffer, Hit> counters = new HashMap<>();
            for (int i = count(in); i > 0; i--) {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("key length out of bounds: " + length);
                }
                byte[] key = new byte[length];
                in.readFully(key);
                counters.put(ByteBuffer.wrap(key), in.readBoolean() ? new Hit(ClassCounters.readFrom(in)) : NOTHING);
            }
            Map<String, Indexed> index = new HashMap<>();
            for (int i = count(in); i > 0; i--) {
                String path = in.readUTF();
                Stat stat = new Stat(in.readLong(), in.readLong(), in.readBoolean() ? in.readUTF() : null, in.readLong());
                index.put(path, new Indexed(stat, in.readLong()));
            }
            if (in.available() != 0) {
                throw new IOException("it holds more than its entries");
            }
            return new Pack(counters, index, began);
        } catch (IOException | RuntimeException e) {
            log.debug("coverage counter cache " + pack + " is not usable (" + e.getMessage() + "); reading and analysing every class");
            return Pack.empty();
        }
    }

    /** A count of entries that follow, each at least one byte long; an IOException when there cannot be that many. */
    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("entry count out of bounds: " + count);
        }
        return count;
    }
}
