package app.regulars.app.cli;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code coupons list CODE} and {@code coupons use COUPON_ID [--purchase ID]} (issue 12, item 1). */
class CouponCommandsTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(Locale locale, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), locale, out, err, args);
    }

    int run(String... args) {
        return run(Locale.ENGLISH, args);
    }

    Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    List<String> lines() {
        return out.toString().lines().toList();
    }

    /**
     * Ann's birthday is in 3 days: today's birthday run gives her a coupon. Cai's was a month ago:
     * a run as of then gave him one that has since run out. Bob has none.
     */
    private void shop(LocalDate today) throws IOException {
        LocalDate ann = today.plusDays(3).withYear(2000);
        LocalDate cai = today.minusDays(30).withYear(2000);
        assertThat(run("import", "customers", file("c.csv", "code,name,birthday,marketing_consent,consent_date\n"
                + "A1,Ann," + ann + ",yes,2020-01-05\nB2,Bob,,no,\nC3,Cai," + cai + ",yes,2020-01-05\n").toString()))
                .as(err.toString()).isZero();
        assertThat(run("coupons", "birthday", "--as-of", today.minusDays(33).toString())).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("1 birthday coupon issued.");
        assertThat(run("coupons", "birthday")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("1 birthday coupon issued.");
        assertThat(run("import", "purchases", file("p.csv", "code,date,amount\nA1," + today + ",80\nB2," + today + ",60\n").toString()))
                .as(err.toString()).isZero();
    }

    @Test
    void listShowsEachCouponOnOneLineInTheUsersLanguage() throws IOException {
        LocalDate today = LocalDate.now();
        shop(today);
        Formats en = new Formats(new Messages(Locale.ENGLISH));
        assertThat(run("coupons", "list", "A1")).as(err.toString()).isZero();
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line).matches(
                "2\t[A-Z2-9]{8}\tBirthday\t\\D*20\\.00\t" + java.util.regex.Pattern.quote(en.date(today) + " \u2013 " + en.date(today.plusDays(10)))
                        + "\tUnused"));
        assertThat(err.toString().strip()).isEqualTo("1 coupon of Ann (A1).");

        assertThat(run("coupons", "list", "C3")).isZero();
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line).startsWith("1\t").endsWith("\tExpired"));

        assertThat(run("coupons", "list", "B2")).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("Bob (B2) has no coupons.");

        assertThat(run("coupons", "list", "ZZ")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("There is no customer with the code ZZ.");

        Formats zh = new Formats(new Messages(Locale.SIMPLIFIED_CHINESE));
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "coupons", "list", "A1")).isZero();
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line).matches(
                "2\t[A-Z2-9]{8}\t生日券\t\\D*20\\.00\t" + java.util.regex.Pattern.quote(zh.date(today) + " \u2013 " + zh.date(today.plusDays(10)))
                        + "\t未使用"));
        assertThat(err.toString().strip()).isEqualTo("Ann（A1）共有 1 张优惠券。");
    }

    @Test
    void useMarksACouponUsedOnceAndOnlyWithAPurchaseOfTheSameCustomer() throws IOException {
        shop(LocalDate.now());
        assertThat(run("export", "purchases", "--out", dir.resolve("p.csv").toString())).isZero();
        List<String> exported = Files.readAllLines(dir.resolve("p.csv"), StandardCharsets.UTF_8);
        assertThat(exported.getFirst()).endsWith("Voided,Void reason,Before discounts,Member discount,Coupon,Coupon discount,Purchase no.");
        assertThat(exported.subList(1, 3)).allSatisfy(l -> assertThat(l).matches(".*,no,,,,,,[12]"));
        long annsPurchase = exported.get(1).startsWith("A1,") ? 1 : 2;
        long bobsPurchase = 3 - annsPurchase;

        assertThat(run("coupons", "use", "2", "--purchase", String.valueOf(bobsPurchase))).isEqualTo(1);
        assertThat(err.toString().strip()).matches("The coupon [A-Z2-9]{8} and the purchase " + bobsPurchase + " belong to different customers\\.");
        assertThat(run("coupons", "use", "2", "--purchase", "99")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("There is no purchase 99.");
        assertThat(run("coupons", "use", "77")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("There is no coupon 77.");
        assertThat(run("coupons", "use", "1")).isEqualTo(1);
        assertThat(err.toString().strip()).matches("The coupon [A-Z2-9]{8} is not valid today\\.");

        assertThat(run("coupons", "use", "2", "--purchase", String.valueOf(annsPurchase))).as(err.toString()).isZero();
        assertThat(out.toString().strip()).matches("Coupon [A-Z2-9]{8} used with the purchase " + annsPurchase + "\\.");
        String code = out.toString().strip().split(" ")[1];
        assertThat(run("coupons", "list", "A1")).isZero();
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line).endsWith("\tUsed (purchase " + annsPurchase + ")"));
        assertThat(run("coupons", "use", "2")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("The coupon " + code + " was already used.");

        assertThat(run("export", "purchases", "--out", dir.resolve("p2.csv").toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve("p2.csv"), StandardCharsets.UTF_8))
                .anySatisfy(l -> assertThat(l).startsWith("A1,").endsWith(",80.00,80,,no,,,," + code + ",," + annsPurchase));
    }

    @Test
    void useWithoutAPurchaseJustMarksItUsed() throws IOException {
        shop(LocalDate.now());
        assertThat(run("coupons", "use", "2")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).matches("Coupon [A-Z2-9]{8} used\\.");
        assertThat(run("coupons", "list", "A1")).isZero();
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line).endsWith("\tUsed"));
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "coupons", "use", "2")).isEqualTo(1);
        assertThat(err.toString().strip()).matches("优惠券 [A-Z2-9]{8} 已使用。");
    }
}
