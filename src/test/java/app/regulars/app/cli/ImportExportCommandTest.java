package app.regulars.app.cli;

import app.regulars.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ImportExportCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(Locale locale, String... args) {
        return Cli.run(dir.resolve("data"), locale, out, err, args);
    }

    int run(String... args) {
        return run(Locale.ENGLISH, args);
    }

    Path file(String name, String text, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(charset));
        return f;
    }

    @Test
    void importCustomersPrintsTheImportedCount() throws IOException {
        Path f = file("c.csv", "姓名,手机\n王小明,13812345678\n李芳,13912345678\n", Charset.forName("GBK"));
        assertThat(run("import", "customers", f.toString())).isEqualTo(0);
        assertThat(out.toString().strip()).isEqualTo("Rows: 2 added, 0 updated, 0 skipped (already there), 0 rejected.");
        assertThat(run("find", "wxm")).isEqualTo(0);
        assertThat(out.toString()).contains("王小明");
    }

    /** Issue 16, item 2: `--on-duplicate skip|update|add` (default skip), the summary of rows, and the same file twice. */
    @Test
    void aDuplicateIsSkippedByDefaultUpdatedOrAddedAsAskedAndTheSummarySaysSo() throws IOException {
        Path first = file("first.csv", "name,phone,email\n王小明,13812345678,\n李芳,13912345678,\n", StandardCharsets.UTF_8);
        assertThat(run("import", "customers", first.toString())).isZero();
        Path again = file("again.csv", "name,phone,email,company\n王小明,+86 138 1234 5678,WANG@example.com,西湖茶社\n"
                + "李芳,13912345678,,\n张伟,18600001111,,\n张伟,186-0000-1111,zw@example.com,\n", StandardCharsets.UTF_8);

        out.getBuffer().setLength(0);
        assertThat(run("import", "customers", again.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("Rows: 1 added, 0 updated, 3 skipped (already there), 0 rejected.");

        out.getBuffer().setLength(0);
        assertThat(run("import", "customers", again.toString(), "--on-duplicate", "update")).isZero();
        assertThat(out.toString().strip()).isEqualTo("Rows: 0 added, 2 updated, 2 skipped (already there), 0 rejected.");
        out.getBuffer().setLength(0);
        assertThat(run("import", "customers", again.toString(), "--on-duplicate", "update")).isZero();
        assertThat(out.toString().strip()).as("the same file twice").isEqualTo("Rows: 0 added, 0 updated, 4 skipped (already there), 0 rejected.");
        out.getBuffer().setLength(0);
        run("find", "西湖茶社");
        assertThat(out.toString()).contains("王小明").contains("WANG@example.com");

        out.getBuffer().setLength(0);
        assertThat(run("import", "customers", again.toString(), "--on-duplicate", "add")).isZero();
        assertThat(out.toString().strip()).isEqualTo("Rows: 4 added, 0 updated, 0 skipped (already there), 0 rejected.");

        out.getBuffer().setLength(0);
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "import", "customers", again.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("各行结果：新增 0，更新 0，跳过 4（客户已存在），拒绝 0。");
    }

    @Test
    void aWrongOnDuplicateOrAnOverwriteWithoutUpdateIsRefusedBeforeAnythingIsRead() throws IOException {
        Path f = file("c.csv", "name\nA\n", StandardCharsets.UTF_8);
        assertThat(run("import", "customers", f.toString(), "--on-duplicate", "merge")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Unknown --on-duplicate \"merge\": use skip, update or add.");
        err.getBuffer().setLength(0);
        assertThat(run("import", "customers", f.toString(), "--overwrite")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("--overwrite goes with --on-duplicate update");
        assertThat(run("import", "customers", f.toString(), "--on-duplicate", "UPDATE", "--overwrite")).isZero();
    }

    /** Issue 16, item 3: `import undo` prints what it removed and put back, or why it cannot. */
    @Test
    void importUndoTakesTheLastImportBackOrSaysWhyNot() throws IOException {
        assertThat(run("import", "undo")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("There is no import to undo.");

        Path first = file("first.csv", "name,phone\n王小明,13812345678\n", StandardCharsets.UTF_8);
        run("import", "customers", first.toString());
        Path second = file("会员.csv", "name,phone,company\n王小明,13812345678,西湖茶社\n李芳,13912345678,\n", StandardCharsets.UTF_8);
        run("import", "customers", second.toString(), "--on-duplicate", "update");
        out.getBuffer().setLength(0);
        assertThat(run("import", "undo")).isZero();
        assertThat(out.toString().strip()).matches("The import of 会员\\.csv \\(.+\\) is undone: the customer it added is removed, "
                + "and the one it changed is as it was before it\\.");
        out.getBuffer().setLength(0);
        run("find", "西湖茶社");
        assertThat(out.toString()).doesNotContain("王小明");
        err.getBuffer().setLength(0);
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "import", "undo")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("上一次导入（会员.csv）已经撤销过了。");

        // imported again, then 李芳 edited in the window: the undo is refused and names her
        run("import", "customers", second.toString());
        String code;
        try (var ctx = app.regulars.testing.TestStores.open(dir.resolve("data"))) {
            var customers = ctx.customers();
            var li = customers.get(customers.search("李芳", null, false, app.regulars.customer.CustomerSort.NAME, true)[0]).orElseThrow();
            customers.save(li.toBuilder().notes("喜欢普洱").build());
            code = li.code();
        }
        err.getBuffer().setLength(0);
        assertThat(run("import", "undo")).isEqualTo(1);
        assertThat(err.toString().strip()).matches("The import of 会员\\.csv \\(.+\\) can no longer be undone, because something changed "
                + "its customers since: 李芳 \\(" + code + "\\) was changed\\.");
        out.getBuffer().setLength(0);
        run("find", "李芳");
        assertThat(out.toString()).contains("李芳");
    }

    @Test
    void importCustomersListsEveryRejectedRowAndExitsWithOne() throws IOException {
        Path f = file("c.csv", "name,phone,email\nA,13812345678,\n,,\"\"\nB,999,\nC,,bad@\nD,13912345678,\n",
                StandardCharsets.UTF_8);
        assertThat(run("import", "customers", f.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "line 4: phone: \"999\" is not a valid phone number.",
                "line 5: email: \"bad@\" is not a valid email address.",
                "2 rows were rejected (of 4); nothing was imported. Correct the file and import it again.");
        assertThat(out.toString()).isEmpty();
        run("export", "customers", "--out", dir.resolve("x.csv").toString());
        assertThat(out.toString()).contains("No customer exported");
    }

    @Test
    void importCustomersSpeaksChineseToAChineseUser() throws IOException {
        Path f = file("c.csv", "姓名,邮箱\n王五,x@\n", StandardCharsets.UTF_8);
        assertThat(run(Locale.SIMPLIFIED_CHINESE, "import", "customers", f.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "第 2 行：邮箱：“x@”不是有效的电子邮箱。",
                "共 1 行，其中 1 行有误，未导入任何客户。请修改文件后重新导入。");
    }

    @Test
    void importCustomersWarnsAboutUnknownColumns() throws IOException {
        Path f = file("c.csv", "name,shoe size\nA,42\n", StandardCharsets.UTF_8);
        assertThat(run("import", "customers", f.toString())).isEqualTo(0);
        assertThat(err.toString().strip()).isEqualTo("Warning: The column \"shoe size\" is not one Regulars knows; it was ignored.");
    }

    @Test
    void importCustomersOfBinaryJunkIsAClearFailure() throws IOException {
        Path f = dir.resolve("photo.jpg");
        byte[] junk = new byte[1000];
        new java.util.Random(1).nextBytes(junk);
        Files.write(f, junk);
        assertThat(run("import", "customers", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("photo.jpg").doesNotContain("Exception");
    }

    @Test
    void importCustomersOfAMissingFileIsAClearFailure() {
        assertThat(run("import", "customers", dir.resolve("nope.csv").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("The file " + dir.resolve("nope.csv") + " does not exist.");
    }

    @Test
    void exportCustomersWritesACsvThatImportsBack() throws IOException {
        Path f = file("c.csv", "code,name,phone\nK1,王小明,13812345678\n", StandardCharsets.UTF_8);
        assertThat(run("import", "customers", f.toString())).isEqualTo(0);
        Path csv = dir.resolve("out").resolve("customers.csv");
        assertThat(run("export", "customers", "--format", "csv", "--out", csv.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("1 customer exported to " + csv.toAbsolutePath());
        assertThat(Files.readString(csv)).contains("K1,王小明,'+8613812345678");
    }

    @Test
    void exportCustomersRefusesAnUnknownFormat() {
        assertThat(run("export", "customers", "--format", "pdf", "--out", dir.resolve("o.pdf").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("\"pdf\" is not a format customers are exported in: use csv, xlsx or vcf.");
        assertThat(dir.resolve("o.pdf")).doesNotExist();
    }

    @Test
    void importWithoutAKindOfDataShowsUsage() {
        assertThat(run("import")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("customers");
    }
}
