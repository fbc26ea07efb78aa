package app.regulars.testing;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A printed page set against what the program drew. The Java print pipeline on Linux sends text
 * to CUPS as glyph outlines, not as text, so the PDF that arrives has no text to read back;
 * instead its pages are rendered and their ink compared, pixel by pixel, with the program's own
 * rendering of the page: the same names, in the same glyphs, in the same places.
 */
public final class PrintedPages {
    /** Pixels per point at which pages are compared (144 dpi). */
    public static final double SCALE = 2;
    /** How far (pixels) the printed page may sit from where the margins put it; found by search. */
    private static final int SLACK = 4;

    private PrintedPages() {
    }

    /** Page {@code index} of {@code pdf}, rendered at {@link #SCALE}. */
    public static BufferedImage render(Path pdf, int index) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFRenderer(doc).renderImage(index, (float) SCALE, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Page {@code index} of the PDF in {@code bytes}, rendered at {@code scale} pixels per point. */
    public static BufferedImage render(byte[] bytes, int index, double scale) {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return new PDFRenderer(doc).renderImage(index, (float) scale, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code node} (a page the program prints) drawn by JavaFX at {@link #SCALE}, on white. */
    public static BufferedImage snapshot(Node node) {
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
                new Scene(new Group(node));
                node.applyCss();
                SnapshotParameters params = new SnapshotParameters();
                params.setTransform(new Scale(SCALE, SCALE));
                params.setFill(Color.WHITE);
                return node.snapshot(params, null);
            }).get();
            BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
            PixelReader pixels = image.getPixelReader();
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, pixels.getArgb(x, y));
                }
            }
            return out;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaves {@code image} in target/screenshots/ for people to look at. */
    public static void save(BufferedImage image, String name) {
        try {
            Files.createDirectories(Screenshots.directory());
            ImageIO.write(image, "png", Screenshots.directory().resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lays {@code expected} on {@code printed} with its top left corner near ({@code x}, {@code y}),
     * at the offset (searched within a few pixels) where their ink matches best.
     */
    public static Alignment align(BufferedImage expected, BufferedImage printed, int x, int y) {
        Ink e = new Ink(expected);
        Ink p = new Ink(printed);
        Rectangle all = new Rectangle(0, 0, expected.getWidth(), expected.getHeight());
        Alignment best = null;
        for (int dy = -SLACK; dy <= SLACK; dy++) {
            for (int dx = -SLACK; dx <= SLACK; dx++) {
                Alignment a = new Alignment(e, p, x + dx, y + dy, all);
                if (best == null || a.whole.recall() + a.whole.precision() > best.whole.recall() + best.whole.precision()) {
                    best = a;
                }
            }
        }
        return best;
    }

    /**
     * recall: of the pixels the program inked, the share the printed page has inked too (within a
     * pixel); precision: of the pixels printed, the share the program inked (within a pixel).
     * {@code inked}: how many pixels the program inked.
     */
    public record Match(double recall, double precision, int inked) {
        public boolean atLeast(double share) {
            return recall >= share && precision >= share;
        }
    }

    /** The dark pixels of an image: text and tick-box borders, not the light grey bands and rules. */
    private static final class Ink {
        private final boolean[][] at;
        private final int[] xs;
        private final int[] ys;

        Ink(BufferedImage image) {
            at = new boolean[image.getHeight()][image.getWidth()];
            List<int[]> points = new ArrayList<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int lum = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                    if (lum < 128) {
                        at[y][x] = true;
                        points.add(new int[] {x, y});
                    }
                }
            }
            xs = points.stream().mapToInt(q -> q[0]).toArray();
            ys = points.stream().mapToInt(q -> q[1]).toArray();
        }

        boolean near(int x, int y) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int yy = y + dy;
                    int xx = x + dx;
                    if (yy >= 0 && yy < at.length && xx >= 0 && xx < at[0].length && at[yy][xx]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The expected page laid on the printed one at an offset. */
    public static final class Alignment {
        private final Ink expected;
        private final Ink printed;
        private final int x;
        private final int y;
        private final Match whole;

        private Alignment(Ink expected, Ink printed, int x, int y, Rectangle all) {
            this.expected = expected;
            this.printed = printed;
            this.x = x;
            this.y = y;
            this.whole = match(all);
        }

        /** The match over the whole page. */
        public Match whole() {
            return whole;
        }

        /** The match within {@code region} (pixels of the expected page). */
        public Match match(Rectangle region) {
            int inked = 0;
            int found = 0;
            for (int i = 0; i < expected.xs.length; i++) {
                if (region.contains(expected.xs[i], expected.ys[i])) {
                    inked++;
                    if (printed.near(expected.xs[i] + x, expected.ys[i] + y)) {
                        found++;
                    }
                }
            }
            int printedInk = 0;
            int drawn = 0;
            for (int i = 0; i < printed.xs.length; i++) {
                int ex = printed.xs[i] - x;
                int ey = printed.ys[i] - y;
                if (region.contains(ex, ey)) {
                    printedInk++;
                    if (expected.near(ex, ey)) {
                        drawn++;
                    }
                }
            }
            return new Match(inked == 0 ? 0 : (double) found / inked, printedInk == 0 ? 0 : (double) drawn / printedInk, inked);
        }

        @Override
        public String toString() {
            return whole + " at (" + x + ", " + y + ")";
        }
    }
}
