package app.regulars.tables;

import app.regulars.i18n.UserException;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The font a PDF of Regulars is written in: one that has Chinese characters and TrueType
 * outlines, so PDFBox can embed the subset it uses (the reader's machine needs no font, and
 * the text can be searched and copied). Found among the fonts Windows, macOS and common Linux
 * systems ship, or named by the system property {@code regulars.pdf.font} or the environment
 * variable {@code REGULARS_PDF_FONT}. Noto/Source Han CJK have PostScript outlines, which
 * PDFBox cannot embed as a subset, so they are passed over.
 * <p>Open one per document and close it after the document is saved (the subset is made then).
 */
public final class PdfFonts implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PdfFonts.class);
    public static final String PROPERTY = "regulars.pdf.font";
    public static final String ENV = "REGULARS_PDF_FONT";

    static final List<String> CANDIDATES = List.of(
            // Windows
            "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyh.ttf", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc",
            // macOS
            "/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc",
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf",
            // Linux (Debian/Ubuntu/Fedora package paths)
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc");

    private final PDType0Font font;
    private final Closeable source;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();

    private PdfFonts(PDType0Font font, Closeable source) {
        this.font = font;
        this.source = source;
    }

    /** Loads the font into {@code document}; a {@code UserException} when this computer has none with Chinese. */
    public static PdfFonts open(PDDocument document) {
        for (Path candidate : candidates()) {
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            try {
                PdfFonts fonts = load(document, candidate);
                if (fonts != null) {
                    return fonts;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Font {} could not be used for PDF", candidate, e);
            }
        }
        throw new UserException("exchange.error.noPdfFont");
    }

    static List<Path> candidates() {
        List<Path> paths = new ArrayList<>();
        String chosen = System.getProperty(PROPERTY, System.getenv(ENV));
        if (chosen != null && !chosen.isBlank()) {
            paths.add(Path.of(chosen));
        }
        String windir = System.getenv("WINDIR");
        if (windir != null) {
            paths.add(Path.of(windir, "Fonts", "msyh.ttc"));
        }
        CANDIDATES.forEach(c -> paths.add(Path.of(c)));
        return paths;
    }

    private static PdfFonts load(PDDocument document, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null && embeddable(f)) {
                    first[0] = f;
                }
            });
            if (first[0] == null) {
                collection.close();
                return null;
            }
            LOG.debug("PDF font: {} in {}", first[0].getName(), file);
            return new PdfFonts(PDType0Font.load(document, first[0], true), collection);
        }
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        if (!embeddable(ttf)) {
            ttf.close();
            return null;
        }
        LOG.debug("PDF font: {} in {}", ttf.getName(), file);
        return new PdfFonts(PDType0Font.load(document, ttf, true), ttf);
    }

    private static boolean embeddable(TrueTypeFont f) {
        try {
            return !(f instanceof OpenTypeFont otf && otf.isPostScript()) && f.getUnicodeCmapLookup(false) != null;
        } catch (IOException e) {
            return false;
        }
    }

    public PDType0Font font() {
        return font;
    }

    /** {@code text} with every character the font lacks (an emoji, say) replaced by "?", so writing it cannot fail. */
    public String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp)) {
                return;
            } else if (glyphs.computeIfAbsent(cp, this::hasGlyph)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private boolean hasGlyph(int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The width of {@code text} at {@code size} points. */
    public double width(String text, double size) {
        try {
            return font.getStringWidth(printable(text)) / 1000.0 * size;
        } catch (IOException e) {
            return text.length() * size;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
