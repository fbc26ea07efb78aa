package app.regulars.tables;

import app.regulars.i18n.UserException;
import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a text file a shop is likely to have: UTF-8 (with or without a BOM, as Excel and
 * WPS save "CSV UTF-8") or GBK/GB18030 (what Excel saves as plain "CSV" on Chinese
 * Windows). Anything else is refused with a message rather than imported as mojibake.
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
        if (startsWith(bytes, UTF8_BOM)) {
            String text = strict(bytes, UTF8_BOM.length, StandardCharsets.UTF_8)
                    .orElseThrow(() -> new UserException("exchange.error.encoding", name));
            return checked(new Text(text, StandardCharsets.UTF_8), name);
        }
        if (looksLikeUtf16or32(bytes)) {
            throw new UserException("exchange.error.encoding", name);
        }
        if (indexOf(bytes, (byte) 0) >= 0) {
            throw new UserException("exchange.error.notText", name);
        }
        Optional<String> utf8 = strict(bytes, 0, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return checked(new Text(utf8.get(), StandardCharsets.UTF_8), name);
        }
        Optional<String> gb = strict(bytes, 0, GB18030);
        if (gb.isPresent() && (plausiblyChinese(gb.get()) || icuConfirmsGb18030(bytes))) {
            return checked(new Text(gb.get(), GB18030), name);
        }
        throw new UserException("exchange.error.encoding", name);
    }

    private static Text checked(Text text, String name) {
        String s = text.content();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                throw new UserException("exchange.error.notText", name);
            }
        }
        return text;
    }

    private static Optional<String> strict(byte[] bytes, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Most decoded non-ASCII characters are Chinese characters or CJK punctuation. */
    static boolean plausiblyChinese(String text) {
        int nonAscii = 0;
        int chinese = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                continue;
            }
            nonAscii++;
            Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                    || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                    || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                    || block == Character.UnicodeBlock.GENERAL_PUNCTUATION) {
                chinese++;
            }
        }
        return nonAscii > 0 && chinese >= nonAscii * PLAUSIBLE_SHARE;
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

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
