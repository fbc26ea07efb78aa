package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.i18n.Messages;
import app.regulars.store.Settings;
import app.regulars.tables.TableLayout;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewActionsTest {
    @TempDir
    Path dir;
    @TempDir
    Path out;

    @Test
    void thePageSavesTheShownPeriodsReviewAndSaysWhere() throws IOException {
        try (AppContext ctx = TestStores.open(dir)) {
            long a = ctx.customers().save(Customer.builder().name("王小明").build()).id();
            ctx.membership().recordPurchase(a, TestStores.TODAY.minusDays(40).atTime(12, 0), new BigDecimal("88.00"), null);
            InsightService insights = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
            Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
            List<String> said = new ArrayList<>();
            Period november = Period.month(2026, 11);
            ReviewActions actions = new ReviewActions(insights, ctx.services().get(Settings.class), ctx.membership(), new SyncTaskRunner(),
                    zh, () -> november, null, said::add);
            Path pdf = out.resolve("复盘-2026-11.pdf");

            actions.saveTo(november, pdf);

            assertThat(said).containsExactly("复盘已保存到 " + pdf);
            assertThat(pdf).isNotEmptyFile();
            assertThat(new ReviewReport(zh, TableLayout.Paper.A4).fileName(november)).isEqualTo("复盘-2026-11.pdf");

            // Printing sends the PDF's own pages, as images.
            ReviewReport report = new ReviewReport(zh, TableLayout.Paper.A4);
            List<byte[]> pages = report.pageImages(ReviewReport.gather(insights, november, TestStores.TODAY, InsightSettings.DEFAULTS,
                    ctx.membership().settings().currency()), 72);
            assertThat(pages).isNotEmpty();
            BufferedImage first = ImageIO.read(new ByteArrayInputStream(pages.getFirst()));
            assertThat(first.getWidth()).isEqualTo(595);
            assertThat(first.getHeight()).isBetween(841, 842);
        }
    }
}
