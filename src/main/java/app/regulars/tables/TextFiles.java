package app.regulars.tables;

import app.regulars.i18n.UserException;
import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a text file a shop is likely to have: UTF-8 (with or without a BOM, as Excel and
 * WPS save "CSV UTF-8") or GBK/GB18030 (what Excel saves as plain "CSV" on Chinese
 * Windows). Anything else is refused with a message rather than imported as mojibake.
 * {@link #scan} checks a file the same way without holding it in memory, for imports of
 * any size; {@link #read} and {@link #decode} give the whole text at once.
 */
public final class TextFiles {
    /** GB18030 is a superset of GBK and GB2312, so one decoder reads all three. */
    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Share of non-ASCII characters that must look like Chinese text for GB18030 to be believed. */
    private static final double PLAUSIBLE_SHARE = 0.9;

    private TextFiles() {
    }

    /** The text of a file and the encoding it was read in. */
    public record Text(String content, Charset charset) {
    }

    /** Bytes examined when ICU is asked whether a file that is valid GB18030 but does not look like Chinese text is GB18030. */
    private static final int ICU_SAMPLE = 64 * 1024;

    /**
     * A text file checked whole by {@link #scan}, read again through {@link #reader()} as often as
     * needed, never held in memory.
     *
     * @param lines         lines in the file (a last line without a line break counted), for progress
     * @param endsWithQuote whether its last character other than white space is a quotation mark
     */
    public record Source(Path file, Charset charset, long lines, boolean endsWithQuote) {
        /** The text, decoded strictly (the file changed since the scan: an {@code IOException} while reading). */
        public Reader reader() throws IOException {
            InputStream in = Files.newInputStream(file);
            if (charset.equals(StandardCharsets.UTF_8)) {
                byte[] head = in.readNBytes(UTF8_BOM.length);
                if (!Arrays.equals(head, UTF8_BOM)) {
                    in.close();
                    in = Files.newInputStream(file);
                }
            }
            return new InputStreamReader(in, strictDecoder(charset));
        }
    }

    /**
     * Checks a file as {@link #read} would (the encoding, no control characters) and counts its
     * lines, reading it a buffer at a time: a file of a million rows never needs to be in memory.
     */
    public static Source scan(Path file) {
        try {
            Facts facts = examine(() -> Files.newInputStream(file), file.toString());
            return new Source(file, facts.charset, facts.lines, facts.endsWithQuote);
        } catch (NoSuchFileException e) {
            throw new UserException(e, "exchange.error.notFound", file.toString());
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", file.toString());
        }
    }

    public static Text read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(e, "exchange.error.notFound", file.toString());
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", file.toString());
        }
        return decode(bytes, file.toString());
    }

    /** Decodes bytes as UTF-8 or GB18030, whichever they strictly are; {@code name} is for messages. */
    public static Text decode(byte[] bytes, String name) {
        Facts facts;
        try {
            facts = examine(() -> new ByteArrayInputStream(bytes), name);
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", name);
        }
        int offset = facts.charset.equals(StandardCharsets.UTF_8) && startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
        String text = strict(bytes, offset, facts.charset).orElseThrow(() -> new UserException("exchange.error.encoding", name));
        return new Text(text, facts.charset);
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** What one pass over the bytes found. */
    private record Facts(Charset charset, long lines, boolean endsWithQuote) {
    }

    /** What one pass of a strict decoder over the whole input saw. */
    private static final class Pass {
        long lineBreaks;
        char lastChar;
        char lastNonBlank;
        boolean control;
        long nonAscii;
        long chinese;
    }

    /**
     * The decision of {@link #decode}, a buffer at a time: a UTF-8 byte order mark means UTF-8;
     * UTF-16 and NUL bytes are refused; then strict UTF-8, else strict GB18030 when the text
     * looks Chinese (or ICU, shown the start of the file, says GB18030); and no control
     * characters but line breaks, tabs and form feeds.
     */
    private static Facts examine(Opener opener, String name) throws IOException {
        byte[] head;
        try (InputStream in = opener.open()) {
            head = in.readNBytes(4096);
        }
        boolean bom = startsWith(head, UTF8_BOM);
        if (!bom && looksLikeUtf16or32(head)) {
            throw new UserException("exchange.error.encoding", name);
        }
        Pass utf8 = pass(opener, StandardCharsets.UTF_8, bom ? UTF8_BOM.length : 0, name, !bom);
        Charset charset;
        Pass chosen;
        if (utf8 != null) {
            charset = StandardCharsets.UTF_8;
            chosen = utf8;
        } else if (bom) {
            throw new UserException("exchange.error.encoding", name);
        } else {
            Pass gb = pass(opener, GB18030, 0, name, true);
            if (gb == null || !(plausiblyChinese(gb.nonAscii, gb.chinese) || icuConfirmsGb18030(sample(opener)))) {
                throw new UserException("exchange.error.encoding", name);
            }
            charset = GB18030;
            chosen = gb;
            long utf8Line = utf8Line(opener);
            if (utf8Line > 0) {
                throw new UserException("exchange.error.mixedEncoding", name, utf8Line);
            }
        }
        if (chosen.control) {
            throw new UserException("exchange.error.notText", name);
        }
        long lines = chosen.lineBreaks + (chosen.lastChar != 0 && chosen.lastChar != '\n' ? 1 : 0);
        return new Facts(charset, lines, chosen.lastNonBlank == '"');
    }

    /** Bytes of a line examined by {@link #utf8Line}; the rest of a longer line is not. */
    private static final int LINE_SAMPLE = 64 * 1024;

    /**
     * In a file that is GB18030 as a whole, the first line (1-based) that is really UTF-8, or 0:
     * a file pasted together from two sources decodes as GB18030 without an error, the UTF-8 line
     * turned into rare characters ({@code 绿茶} into {@code 缁胯尪}). A line counts as UTF-8 when
     * it is strictly valid UTF-8 with a character of three bytes or more (every Chinese character
     * is) and, read as GB18030, it holds a character outside GB2312 (UTF-8's continuation bytes
     * 0x80-0xA0 make those): ordinary GBK text is rarely either, almost never both.
     */
    private static long utf8Line(Opener opener) throws IOException {
        byte[] line = new byte[LINE_SAMPLE];
        int length = 0;
        long lineNo = 1;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = opener.open()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (looksUtf8(line, length)) {
                            return lineNo;
                        }
                        lineNo++;
                        length = 0;
                    } else if (length < line.length) {
                        line[length++] = b;
                    }
                }
            }
        }
        return looksUtf8(line, length) ? lineNo : 0;
    }

    private static boolean looksUtf8(byte[] line, int length) {
        boolean wide = false;
        for (int i = 0; i < length; i++) {
            if ((line[i] & 0xF0) >= 0xE0) {
                wide = true;
                break;
            }
        }
        if (!wide || strict(line, 0, length, StandardCharsets.UTF_8).isEmpty()) {
            return false;
        }
        for (int i = 0; i < length; ) {
            int b = line[i] & 0xFF;
            if (b < 0x80) {
                i++;
            } else if (i + 1 < length && (line[i + 1] & 0xFF) >= 0x30 && (line[i + 1] & 0xFF) <= 0x39) {
                return true; // a four-byte GB18030 character: not GBK
            } else {
                if (b < 0xA1 || (i + 1 < length && (line[i + 1] & 0xFF) < 0xA1)) {
                    return true;
                }
                i += 2;
            }
        }
        return false;
    }

    private static Pass pass(Opener opener, Charset charset, int skip, String name, boolean refuseNul) throws IOException {
        CharsetDecoder decoder = strictDecoder(charset);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        Pass pass = new Pass();
        try (InputStream in = opener.open()) {
            in.skipNBytes(skip);
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    if (refuseNul) {
                        for (int i = bytes.position(); i < bytes.position() + n; i++) {
                            if (bytes.array()[i] == 0) {
                                throw new UserException("exchange.error.notText", name);
                            }
                        }
                    }
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                if (end && !result.isError()) {
                    result = decoder.flush(chars);
                }
                if (result.isError()) {
                    return null;
                }
                chars.flip();
                look(pass, chars);
                chars.clear();
                bytes.compact();
            }
        }
        return pass;
    }

    /** Counts line breaks and Chinese characters, notes control characters and the last characters. */
    private static void look(Pass pass, CharBuffer chars) {
        for (int i = chars.position(); i < chars.limit(); i++) {
            char c = chars.get(i);
            pass.lastChar = c;
            if (c == '\n') {
                pass.lineBreaks++;
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                pass.control = true;
            }
            if (!Character.isWhitespace(c)) {
                pass.lastNonBlank = c;
            }
            if (c >= 0x80) {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < chars.limit() && Character.isLowSurrogate(chars.get(i + 1))) {
                    cp = Character.toCodePoint(c, chars.get(i + 1));
                    i++;
                }
                pass.nonAscii++;
                if (isChinese(cp)) {
                    pass.chinese++;
                }
            }
        }
    }

    private static byte[] sample(Opener opener) throws IOException {
        try (InputStream in = opener.open()) {
            return in.readNBytes(ICU_SAMPLE);
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Optional<String> strict(byte[] bytes, int offset, Charset charset) {
        return strict(bytes, offset, bytes.length - offset, charset);
    }

    private static Optional<String> strict(byte[] bytes, int offset, int length, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Most decoded non-ASCII characters are Chinese characters or CJK punctuation. */
    static boolean plausiblyChinese(String text) {
        long nonAscii = 0;
        long chinese = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                continue;
            }
            nonAscii++;
            if (isChinese(cp)) {
                chinese++;
            }
        }
        return plausiblyChinese(nonAscii, chinese);
    }

    private static boolean plausiblyChinese(long nonAscii, long chinese) {
        return nonAscii > 0 && chinese >= nonAscii * PLAUSIBLE_SHARE;
    }

    private static boolean isChinese(int cp) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.GENERAL_PUNCTUATION;
    }

    private static boolean icuConfirmsGb18030(byte[] bytes) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes);
        for (CharsetMatch m : detector.detectAll()) {
            if ("GB18030".equalsIgnoreCase(m.getName()) && m.getConfidence() >= 30) {
                return true;
            }
        }
        return false;
    }

    /** A UTF-16 BOM, or NUL bytes nearly all on one side of each byte pair (UTF-16 without a BOM). */
    private static boolean looksLikeUtf16or32(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            return true;
        }
        int n = Math.min(bytes.length, 4096) & ~1;
        if (n < 4) {
            return false;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i < n; i += 2) {
            if (bytes[i] == 0) {
                evenNul++;
            }
            if (bytes[i + 1] == 0) {
                oddNul++;
            }
        }
        // ASCII in UTF-16 has a NUL in every pair, always on the same side; Chinese text has none.
        int nul = evenNul + oddNul;
        return nul >= 4 && nul >= (n / 2) * 0.05 && Math.max(evenNul, oddNul) >= nul * 0.9;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
