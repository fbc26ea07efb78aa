package app.regulars.app.cli;

import app.regulars.testing.Cdnow;
import app.regulars.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipCommandsTest {

    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), Locale.ENGLISH, out, err, args);
    }

    Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** The CDNOW sample converted to a customers and a purchases CSV, as a shop would import them. */
    @Test
    void importsTheCdnowSampleConvertedToCsv() throws IOException {
        Cdnow cdnow = Cdnow.sample();
        assertThat(run("import", "customers", file("customers.csv", cdnow.customersCsv()).toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("Rows: 2,357 added, 0 updated, 0 skipped (already there), 0 rejected.");

        Path purchaseFile = file("purchases.csv", cdnow.purchasesCsv());
        assertThat(run("import", "purchases", purchaseFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("6919 purchases imported.");

        Path exported = dir.resolve("out.csv");
        assertThat(run("export", "purchases", "--out", exported.toString())).isZero();
        assertThat(out.toString()).startsWith("6919 purchases written to");
        assertThat(Files.readAllLines(exported)).hasSize(6920);

        // 1997-1998 purchases are far outside "the last 12 months": evaluation changes nobody now.
        assertThat(run("tiers", "evaluate")).isZero();
        assertThat(out.toString()).startsWith("0 customers changed tier");
        assertThat(run("points", "expire", "--as-of", "2000-01-01")).isZero();
        assertThat(out.toString()).matches("(?s)[1-9]\\d* points expired as of 2000-01-01\\.\\s*");
        assertThat(run("points", "expire", "--as-of", "2000-01-01")).isZero();
        assertThat(out.toString().strip()).isEqualTo("0 points expired as of 2000-01-01.");
    }

    @Test
    void aPurchaseForAMissingOrArchivedCustomerOrWithABadAmountRejectsTheWholeFile() throws IOException {
        assertThat(run("import", "customers", file("c.csv", "code,name,phone\nA1,Ann,13812345678\nB2,Bob,13912345678\n").toString())).isZero();
        Path f = file("p.csv", "code,phone,date,amount,note\nA1,,2026-11-01,12.50,tea\nZZ,,2026-11-01,3,\n,13912345678,2026-11-02 15:30,-4,\nA1,,2026-13-01,abc,\n");
        assertThat(run("import", "purchases", f.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "line 3: code: There is no customer with the code ZZ.",
                "line 4: amount: The amount cannot be negative (-4). To take a purchase back, void it.",
                "line 5: date: \u201c2026-13-01\u201d is not a date (YYYY-MM-DD, optionally with HH:MM).; amount: \u201cabc\u201d is not an amount. Type a number such as 128.50.",
                "3 rows were rejected (of 4); nothing was imported. Correct the file and import it again.");
        assertThat(run("export", "purchases", "--out", dir.resolve("x.csv").toString())).isZero();
        assertThat(out.toString()).startsWith("0 purchases written");
        assertThat(run("import", "purchases", file("ok.csv", "phone,date,amount\n13912345678,2026-11-02 15:30,1000\n").toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("1 purchase imported.");
        assertThat(run("points", "expire", "--as-of", "soon")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("\u201csoon\u201d is not a date (YYYY-MM-DD).");
    }

    @Test
    void birthdayCouponsAreIssuedOnceAYearToThoseWhoAgreed() throws IOException {
        assertThat(run("import", "customers", file("c.csv", "code,name,birthday,marketing_consent,consent_date\n"
                + "A1,Ann,1990-12-01,yes,2026-01-05\nB2,Bob,1985-12-02,no,\nC3,Cai,1970-06-01,yes,2026-01-05\n").toString()))
                .as(err.toString()).isZero();
        assertThat(run("coupons", "birthday", "--as-of", "2026-11-25")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("1 birthday coupon issued."); // Ann (7 days ahead); Bob said no; Cai is in June
        assertThat(run("coupons", "birthday", "--as-of", "2026-11-28")).isZero();
        assertThat(out.toString().strip()).isEqualTo("No birthday coupon was due.");
        assertThat(run("coupons", "birthday", "--as-of", "someday")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("\u201csomeday\u201d is not a date (YYYY-MM-DD).");
    }

    @Test
    void tiersEvaluateRebuildRecountsAndPlacesEveryone() throws IOException {
        assertThat(run("import", "customers", file("c.csv", "code,name\nA1,Ann\n").toString())).isZero();
        String today = java.time.LocalDate.now().toString();
        assertThat(run("import", "purchases", file("p.csv", "code,date,amount\nA1," + today + ",6000\n").toString())).as(err.toString()).isZero();
        assertThat(run("tiers", "evaluate", "--rebuild")).isZero();
        assertThat(out.toString()).startsWith("0 customers changed tier"); // the import already placed Ann
    }
}
