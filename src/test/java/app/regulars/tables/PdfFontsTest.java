package app.regulars.tables;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The font PDFs are written in travels with the app: what it holds, and what a PDF written in it reads back as. */
class PdfFontsTest {
    private static final List<String> FACES = List.of("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf");
    /** Name characters outside GB2312 that Chinese parents often choose, typographic marks, pinyin. */
    private static final String BEYOND_GB2312 = "喆堃珺赟祎旻玥昇垚淼翀 – — … ‘’ “” 《》 ～ · ① ㎡ № ℃ ǎěǐǒǔǖ é ñ ß ¥ €";

    private static TrueTypeFont face(String file) throws IOException {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/app/regulars/fonts/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        }
    }

    /** Every character of both message bundles, and the name characters and marks above. */
    private static TreeSet<Integer> charactersTheAppWrites() throws IOException {
        TreeSet<Integer> chars = new TreeSet<>();
        for (String bundle : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties p = new Properties();
            try (InputStream in = PdfFonts.class.getResourceAsStream("/app/regulars/i18n/" + bundle)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            p.values().forEach(v -> v.toString().codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c)).forEach(chars::add));
        }
        BEYOND_GB2312.codePoints().filter(c -> c != ' ').forEach(chars::add);
        return chars;
    }

    @Test
    void bothWeightsHaveEveryCharacterTheAppWritesAndEveryCommonChineseOne() throws IOException {
        TreeSet<Integer> written = charactersTheAppWrites();
        assertThat(written).hasSizeGreaterThan(500);
        for (String file : FACES) {
            try (TrueTypeFont font = face(file)) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                assertThat(font.getName()).as(file).startsWith("NotoSansSC-");
                assertThat(written.stream().filter(c -> cmap.getGlyphId(c) == 0).map(Character::toString).toList()).as(file).isEmpty();
                // all 20,992 CJK Unified Ideographs of Unicode 1.1-14 that GBK and Big5 draw from
                assertThat(IntStream.rangeClosed(0x4E00, 0x9FA5).filter(c -> cmap.getGlyphId(c) == 0).count()).as(file).isZero();
            }
        }
    }

    @Test
    void everyCharacterHasAGlyphOfItsOwnSoPdfTextReadsBackAsWritten() throws IOException {
        for (String file : FACES) {
            try (TrueTypeFont font = face(file)) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                Map<Integer, Integer> byGlyph = new HashMap<>();
                List<String> shared = IntStream.rangeClosed(0x20, 0x3FFFF).filter(c -> cmap.getGlyphId(c) != 0)
                        .filter(c -> byGlyph.putIfAbsent(cmap.getGlyphId(c), c) != null)
                        .mapToObj(c -> Character.toString(c) + " and " + Character.toString(byGlyph.get(cmap.getGlyphId(c)))).toList();
                assertThat(shared).as(file).isEmpty();
            }
        }
    }

    private static String roundTrip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.open(doc)) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(fonts.font(), 12);
                cs.newLineAtOffset(40, 700);
                cs.showText(fonts.printable(text));
                cs.endText();
            }
            doc.save(out);
        }
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.getName()).contains("NotoSansSC-Regular");
            assertThat(font.isEmbedded()).isTrue();
            return new PDFTextStripper().getText(doc).strip();
        }
    }

    @Test
    void aPdfIsWrittenInTheBundledFontAndReadsBackAsWritten() throws IOException {
        String text = "王小明 欧阳娜娜 张喆 第 1 页，共 4 页 2026年11月23日 – 12月 ～ “好” ① Zoë Müller";
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @Test
    void aNamedFontThatCannotBeUsedLeavesTheBundledOne(@TempDir Path dir) throws IOException {
        Path notAFont = Files.writeString(dir.resolve("fake.ttf"), "not a font");
        String before = System.getProperty(PdfFonts.PROPERTY);
        try {
            System.setProperty(PdfFonts.PROPERTY, notAFont.toString());
            assertThat(roundTrip("王小明")).isEqualTo("王小明");
            System.setProperty(PdfFonts.PROPERTY, dir.resolve("missing.ttf").toString());
            assertThat(roundTrip("王小明")).isEqualTo("王小明");
        } finally {
            if (before == null) {
                System.clearProperty(PdfFonts.PROPERTY);
            } else {
                System.setProperty(PdfFonts.PROPERTY, before);
            }
        }
    }

    @Test
    void aCharacterTheFontLacksBecomesAQuestionMark() throws IOException {
        assertThat(roundTrip("王\uD83D\uDE00小明")).isEqualTo("王?小明"); // an emoji
    }
}
