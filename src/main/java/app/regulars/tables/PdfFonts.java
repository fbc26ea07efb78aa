package app.regulars.tables;

import app.regulars.i18n.UserException;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The font a PDF of Regulars is written in: the Noto Sans SC that Regulars ships
 * ({@code app/regulars/fonts/}, the same the window uses), so a PDF looks the same whichever
 * machine wrote it, and needs no font on the machine that writes or reads it. PDFBox embeds
 * the subset a document uses (TrueType outlines; the text can be searched and copied). A
 * {@code .ttf} or {@code .ttc} named by the system property {@code regulars.pdf.font} or the
 * environment variable {@code REGULARS_PDF_FONT} is used instead when it has Chinese
 * characters and TrueType outlines (Noto/Source Han CJK {@code .ttc} files have PostScript
 * outlines, which PDFBox cannot embed as a subset).
 * <p>Open one per document and close it after the document is saved (the subset is made then).
 */
public final class PdfFonts implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PdfFonts.class);
    public static final String PROPERTY = "regulars.pdf.font";
    public static final String ENV = "REGULARS_PDF_FONT";
    /** The font Regulars ships, as a class-path resource (fx/AppFonts loads it for the window). */
    static final String BUNDLED = "/app/regulars/fonts/NotoSansSC-Regular.ttf";
    private static byte[] bundled;

    private final PDType0Font font;
    private final Closeable source;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();

    private PdfFonts(PDType0Font font, Closeable source) {
        this.font = font;
        this.source = source;
    }

    /**
     * Loads the font into {@code document}: the one named by {@link #PROPERTY} or {@link #ENV}
     * when it can be used, else the bundled one; a {@code UserException} when neither can be read.
     */
    public static PdfFonts open(PDDocument document) {
        Path chosen = chosen();
        if (chosen != null) {
            try {
                PdfFonts fonts = Files.isRegularFile(chosen) ? load(document, chosen) : null;
                if (fonts != null) {
                    return fonts;
                }
                LOG.warn("Font {} is not a TrueType font with Chinese characters: PDFs use the bundled font", chosen);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Font {} could not be used for PDF: PDFs use the bundled font", chosen, e);
            }
        }
        try {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bundled()));
            return new PdfFonts(PDType0Font.load(document, ttf, true), ttf);
        } catch (IOException | RuntimeException e) {
            LOG.error("The bundled font {} could not be read", BUNDLED, e);
            throw new UserException("exchange.error.noPdfFont");
        }
    }

    /** The font file named by {@link #PROPERTY} or {@link #ENV}, or null. */
    static Path chosen() {
        String chosen = System.getProperty(PROPERTY, System.getenv(ENV));
        return chosen == null || chosen.isBlank() ? null : Path.of(chosen);
    }

    /** The bundled font's bytes (7.9 MB), read from the class path when the first PDF is written. */
    private static synchronized byte[] bundled() throws IOException {
        if (bundled == null) {
            try (InputStream in = PdfFonts.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IOException("missing resource " + BUNDLED);
                }
                bundled = in.readAllBytes();
            }
        }
        return bundled;
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
