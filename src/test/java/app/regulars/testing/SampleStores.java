package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.app.demo.SampleShop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The sample shop as a test store: filled once per test class (it takes seconds), copied for
 * each test (milliseconds), so every test starts from the same 300 customers.
 */
public final class SampleStores {
    private SampleStores() {
    }

    /**
     * 300 sample customers (seed 7, on {@link TestStores#TODAY}) with 18 months of purchases in
     * {@code dir}; with {@code story}, also the contacts, follow-ups, survey answers and
     * complaints the first start's sample shop has.
     */
    public static Path fill(Path dir, boolean story) {
        try (AppContext ctx = TestStores.open(dir)) {
            SampleShop sample = new SampleShop(7, TestStores.TODAY);
            sample.fill(ctx.customers(), 300, n -> { }, () -> false);
            SampleShop.allOrNothing(ctx, () -> {
                sample.fillPurchases(ctx.membership(), (n, all) -> { }, () -> false);
                return story ? sample.fillStory(ctx, (n, all) -> { }, () -> false) : null;
            });
        }
        return dir;
    }

    /** A copy of the (closed) store in {@code shop} at {@code dir}. */
    public static Path copy(Path shop, Path dir) {
        try (Stream<Path> files = Files.walk(shop)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(shop.relativize(f).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
