package app.regulars.fx;

import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The font Regulars ships: Noto Sans SC, Regular and Bold (SIL Open Font License;
 * {@code app/regulars/fonts/} holds the licence and says what was kept). PDFs are always set in
 * it ({@code tables.PdfFonts}). Windows, and the pages {@link TablePrinter} prints, keep the
 * system's font; where the system has no font for Chinese (a Linux without a CJK font), the
 * bundled one is loaded before JavaFX's first font is made ({@link #prepareWindows()}), and
 * JavaFX then takes the characters the system's font lacks from it: Latin stays in the system's
 * font, Chinese comes from Noto Sans SC, bold from its Bold. The system property
 * {@value #PROPERTY} ({@code bundled} or {@code system}) overrides that choice.
 */
public final class AppFonts {
    private static final Logger LOG = LoggerFactory.getLogger(AppFonts.class);
    /** The family name of the bundled font. */
    public static final String FAMILY = "Noto Sans SC";
    /** {@code bundled}: load the bundled font for windows whatever the system has; {@code system}: never; unset: see {@link #prepareWindows()}. */
    public static final String PROPERTY = "regulars.font";
    static final String DIRECTORY = "/app/regulars/fonts/";
    static final String[] FILES = {"NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"};

    private static boolean loaded;
    private static boolean prepared;
    private static Thread preparing;

    private AppFonts() {
    }

    /**
     * Makes the bundled fonts known to JavaFX (once; later calls return at once: about 0.1 s the
     * first time; {@link #prepareWindows()} calls it where it is needed). A font that cannot be
     * read is logged, and text falls back to the system's font.
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        for (String file : FILES) {
            try (InputStream in = AppFonts.class.getResourceAsStream(DIRECTORY + file)) {
                Font font = in == null ? null : Font.loadFont(in, 12);
                if (font == null || !FAMILY.equals(font.getFamily())) {
                    LOG.warn("Font {} could not be loaded ({})", file, font);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Font {} could not be loaded", file, e);
            }
        }
    }

    /**
     * Starts {@link #prepareWindows()} on a thread of its own, so that it overlaps JavaFX's
     * start-up (the application's launch does this); the next call of {@code prepareWindows}
     * waits for it.
     */
    public static synchronized void prepareInBackground() {
        if (!prepared && preparing == null) {
            preparing = Thread.ofPlatform().daemon().name("regulars-fonts").start(AppFonts::prepareWindows);
        }
    }

    /**
     * Loads the bundled fonts where the system has no font for Chinese (once; later calls return
     * at once, or wait for {@link #prepareInBackground()}). Call before JavaFX makes its first
     * font (a {@code Label} does, a {@code Scene} does): the fonts JavaFX takes missing characters
     * from are settled then, and a font loaded later only shows where it is named.
     */
    public static synchronized void prepareWindows() {
        if (prepared) {
            return;
        }
        prepared = true;
        String chosen = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        boolean bundled = switch (chosen) {
            case "bundled" -> true;
            case "system" -> false;
            default -> !systemHasChinese();
        };
        LOG.debug("Chinese in windows: {}", bundled ? "from the bundled font " + FAMILY : "from the system's fonts");
        if (bundled) {
            load();
        }
    }

    /**
     * Whether the system has a font for Simplified Chinese. Windows (Microsoft YaHei) and macOS
     * (PingFang) always have one; elsewhere fontconfig is asked, as JavaFX finds its fonts there.
     * No answer counts as no.
     */
    static boolean systemHasChinese() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        try {
            Process fcList = new ProcessBuilder("fc-list", "-q", ":lang=zh-cn")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!fcList.waitFor(5, TimeUnit.SECONDS)) {
                fcList.destroy();
                return false;
            }
            return fcList.exitValue() == 0; // -q: 0 when some font covers the language, 1 when none does
        } catch (IOException e) {
            LOG.debug("fc-list could not be run", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
