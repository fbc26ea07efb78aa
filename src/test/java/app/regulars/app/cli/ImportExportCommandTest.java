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
        assertThat(out.toString().strip()).isEqualTo("2 customers imported.");
        assertThat(run("find", "wxm")).isEqualTo(0);
        assertThat(out.toString()).contains("王小明");
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
