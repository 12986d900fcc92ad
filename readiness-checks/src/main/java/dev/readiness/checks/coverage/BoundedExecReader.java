package dev.readiness.checks.coverage;

import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataReader;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.IExecutionDataVisitor;

/**
 * JaCoCo's exec file reader with one bound JaCoCo does not keep: a class record may declare no
 * more probes than its file has bits. JaCoCo allocates the probe array a record declares before
 * reading it, so 22 bytes declaring 2^31 probes would take 2 GB; here they are an {@link IOException}.
 * Every other block is read by JaCoCo itself. Class names quoted in its exceptions' messages are made
 * printable: they come from the file.
 */
final class BoundedExecReader extends ExecutionDataReader {

    private final long maxProbes;
    private IExecutionDataVisitor executionData;

    /** @param fileBytes the size of the file {@code in} reads */
    BoundedExecReader(InputStream in, long fileBytes) {
        super(in);
        this.maxProbes = 8 * fileBytes;
    }

    @Override
    public void setExecutionDataVisitor(IExecutionDataVisitor visitor) {
        super.setExecutionDataVisitor(visitor);
        this.executionData = visitor;
    }

    @Override
    protected boolean readBlock(byte blockType) throws IOException {
        if (blockType != ExecutionDataWriter.BLOCK_EXECUTIONDATA || executionData == null) {
            return super.readBlock(blockType);
        }
        long id = in.readLong();
        String name = in.readUTF();
        int declared = in.readVarInt();
        if (declared < 0 || declared > maxProbes) {
            throw new IOException("the record of class " + printable(name) + " declares " + Integer.toUnsignedString(declared)
                    + " probes, more than the file's " + maxProbes + " bits can hold");
        }
        boolean[] probes = new boolean[declared];
        int bits = 0;
        for (int i = 0; i < declared; i++) {
            if (i % 8 == 0) {
                bits = in.readByte();
            }
            probes[i] = (bits & 1) != 0;
            bits >>>= 1;
        }
        try {
            executionData.visitClassExecution(new ExecutionData(id, name, probes));
        } catch (IllegalStateException e) {
            // JaCoCo's store refuses a record that contradicts an earlier one, naming both classes as the file does.
            throw new IllegalStateException(printable(e.getMessage()), e);
        }
        return true;
    }

    /** Text from the file fit for a one-line message: control characters and line separators shown as '?', cut to 300. */
    private static String printable(String text) {
        return Words.cut(String.valueOf(text).replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?"), 300);
    }
}
