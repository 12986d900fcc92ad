package dev.readiness.checks.coverage;

import dev.readiness.checks.coverage.CoverageConfig.Counter;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ISourceNode;
import org.jacoco.core.internal.analysis.ClassCoverageImpl;
import org.jacoco.core.internal.analysis.SourceNodeImpl;

/**
 * What the coverage check keeps of one class JaCoCo analysed: its name, id and source file, its six
 * counters, the line numbers that have instructions and those with a covered instruction, and the classes
 * its Kotlin inline-function fragments belong to. Not to be changed once made: it is what the
 * {@link CounterCache} stores, and may be shared by runs.
 *
 * @param name            the VM name, {@code com/acme/Foo}
 * @param packageName     the VM package name, empty for the default package
 * @param sourceFileName  the source file's simple name, or {@code null} when the class file has none
 * @param fragmentTargets the classes this class holds coverage fragments for (Kotlin inline functions)
 */
record ClassCounters(String name, long id, String packageName, String sourceFileName, Counts counts,
                     BitSet lines, BitSet coveredLines, List<String> fragmentTargets) {

    static ClassCounters of(IClassCoverage c) {
        Counts counts = new Counts();
        counts.add(c);
        BitSet lines = new BitSet();
        BitSet coveredLines = new BitSet();
        if (c.getFirstLine() != ISourceNode.UNKNOWN_LINE) {
            for (int line = c.getFirstLine(); line <= c.getLastLine(); line++) {
                ICounter instructions = c.getLine(line).getInstructionCounter();
                if (instructions.getTotalCount() > 0) {
                    lines.set(line);
                    if (instructions.getCoveredCount() > 0) {
                        coveredLines.set(line);
                    }
                }
            }
        }
        List<String> fragments = c instanceof ClassCoverageImpl impl
                ? impl.getFragments().stream().map(SourceNodeImpl::getName).toList() : List.of();
        return new ClassCounters(c.getName(), c.getId(), c.getPackageName(), c.getSourceFileName(), counts,
                lines, coveredLines, fragments);
    }

    /** The source file the class's lines belong to, {@code com/acme/Foo.java}; a class of no source file is its own. */
    String sourceKey() {
        return sourceFileName == null ? "\0" + name : packageName + "/" + sourceFileName;
    }

    /** The source file as a path relative to the source root, or {@code null}. */
    String sourcePath() {
        return sourceFileName == null ? null : (packageName.isEmpty() ? "" : packageName + "/") + sourceFileName;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeUTF(name);
        out.writeLong(id);
        out.writeUTF(packageName);
        out.writeBoolean(sourceFileName != null);
        if (sourceFileName != null) {
            out.writeUTF(sourceFileName);
        }
        for (Counter counter : Counter.values()) {
            out.writeInt(counts.covered(counter));
            out.writeInt(counts.missed(counter));
        }
        writeBits(out, lines);
        writeBits(out, coveredLines);
        out.writeInt(fragmentTargets.size());
        for (String target : fragmentTargets) {
            out.writeUTF(target);
        }
    }

    /** Reads what {@link #writeTo} wrote; an IOException when the bytes cannot be that (negative counts, lengths beyond what is left). */
    static ClassCounters readFrom(DataInputStream in) throws IOException {
        String name = in.readUTF();
        long id = in.readLong();
        String packageName = in.readUTF();
        String sourceFileName = in.readBoolean() ? in.readUTF() : null;
        Counts counts = new Counts();
        for (Counter counter : Counter.values()) {
            int covered = in.readInt();
            int missed = in.readInt();
            if (covered < 0 || missed < 0) {
                throw new IOException("negative count");
            }
            counts.add(counter, covered, missed);
        }
        BitSet lines = readBits(in);
        BitSet coveredLines = readBits(in);
        int fragments = in.readInt();
        if (fragments < 0 || fragments > in.available() / 2) {
            throw new IOException("fragment count out of bounds: " + fragments);
        }
        List<String> targets = new ArrayList<>(fragments);
        for (int i = 0; i < fragments; i++) {
            targets.add(in.readUTF());
        }
        return new ClassCounters(name, id, packageName, sourceFileName, counts, lines, coveredLines, List.copyOf(targets));
    }

    private static void writeBits(DataOutput out, BitSet bits) throws IOException {
        long[] words = bits.toLongArray();
        out.writeInt(words.length);
        for (long word : words) {
            out.writeLong(word);
        }
    }

    private static BitSet readBits(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available() / Long.BYTES) {
            throw new IOException("line set length out of bounds: " + length);
        }
        long[] words = new long[length];
        for (int i = 0; i < length; i++) {
            words[i] = in.readLong();
        }
        return BitSet.valueOf(words);
    }
}
