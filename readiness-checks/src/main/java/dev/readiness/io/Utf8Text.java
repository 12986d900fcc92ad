package dev.readiness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The text of a file read from outside: UTF-8, refusing bytes that are binary (NUL) or not UTF-8 rather than guessing. */
public final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * The bytes as text.
     *
     * @throws IOException whose message completes "&lt;file&gt; …": "is binary (it holds NUL bytes), not text", "is not UTF-8 text"
     */
    public static String decode(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            if (b == 0) {
                throw new IOException("is binary (it holds NUL bytes), not text");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("is not UTF-8 text");
        }
    }
}
