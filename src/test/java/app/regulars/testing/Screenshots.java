package app.regulars.testing;

import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/** Leaves a PNG of a scene in target/screenshots/ for people to look at. */
public final class Screenshots {
    /** Every view is looked at in a window of this size (a common laptop screen). */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    private Screenshots() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("regulars.screenshots", "target/screenshots"));
    }

    public static Path save(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image;
        try {
            image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("snapshot failed", e);
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(directory());
            Path file = directory().resolve(name + ".png");
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
