package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.customer.CustomerService;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.MembershipService;
import app.regulars.membership.PurchaseCsvImporter;
import app.regulars.survey.ResponseFiles;
import app.regulars.survey.Survey;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.POINT_ENTRY;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;

/**
 * Importer fuzzing: files made by jqwik from the pieces real files are made of (headers the
 * importers know and do not, good and bad cells, quotes, line breaks, formula-like cells, GBK
 * and UTF-8, a BOM, flipped and cut bytes), fed to the customer, purchase and response
 * importers of one store. Each import must end in a report or a {@link UserException}, nothing
 * else (an uncaught exception), and be all or nothing: the rows of the store change by exactly
 * what a successful import reports, by nothing otherwise, and no bulk flag is left set.
 */
public final class ImportFuzz implements AutoCloseable {
    public enum Kind { CUSTOMERS, PURCHASES, RESPONSES }

    /** A generated file: which importer, its bytes. */
    public record Input(Kind kind, byte[] bytes) {
    }

    /** The counts so far. */
    public static final class Figures {
        public long inputs;
        public long imported;
        public long refusedWithMessage;
        public long rejectedRows;
        public long uncaught;
        public long partial;
        public final long[] byKind = new long[Kind.values().length];

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d inputs (customers %,d, purchases %,d, responses %,d): %,d imported, %,d refused with a message, "
                            + "%,d with rejected rows; %,d uncaught exceptions, %,d partial imports",
                    inputs, byKind[0], byKind[1], byKind[2], imported, refusedWithMessage, rejectedRows, uncaught, partial);
        }
    }

    private static final String[] CUSTOMER_HEADERS = {"name", "phone", "code", "email", "wechat", "gender", "birthday", "notes", "tags",
            "姓名", "手机", "marketing_consent", "consent_date", "opt_outs", "company", "unknown", "", "name"};
    private static final String[] PURCHASE_HEADERS = {"code", "phone", "date", "amount", "note", "金额", "日期", "x", "", "amount"};
    private static final String[] RESPONSE_HEADERS = {"code", "date", "channel", "q1", "q2", "q3", "", "date", "zz"};
    private static final String[] CELLS = {"", " ", "王小明", "Alice", "000001", "000002", "000003", "000004", "X9", "13812345678",
            "+86 139 8765 4321", "138abcd1234", "12345", "+8613812345678", "'+8613812345678", "2026-11-01", "2026/11/02", "20261103",
            "2026-11-01 12:30", "2026-02-30", "03.10.2026", "12.50", "-3", "0", "1e9", "999999999999", "abc", "9", "10", "11", "5",
            "yes", "no", "female", "lunar:08-15", "1990-05-12", "a@b.cn", "bad@", "VIP;茶友", "=1+1", "@SUM(A1)", "-cmd", "'quoted",
            "\"", "\"\"", "a\"b", "\"open", "line\nbreak", "x,y", "\t", "🍵", "绿茶", "visit", "phone", "wechat", "other", "1;2",
            "x".repeat(300), "\u0000", "\u0007", "\r"};

    private final AppContext ctx;
    private final Path dir;
    private final Messages messages = new Messages(Locale.ENGLISH);
    private final Survey survey;
    public final Figures figures = new Figures();

    public ImportFuzz(Path dir) {
        this.dir = dir;
        this.ctx = AppContext.open(dir.resolve("data"));
        TestStores.addKnownCustomers(ctx.customers());
        this.survey = ctx.surveys().find("1");
    }

    /** Files for all three importers. */
    public static Arbitrary<Input> inputs() {
        return Arbitraries.of(Kind.values()).flatMap(ImportFuzz::inputs);
    }

    public static Arbitrary<Input> inputs(Kind kind) {
        String[] headers = switch (kind) {
            case CUSTOMERS -> CUSTOMER_HEADERS;
            case PURCHASES -> PURCHASE_HEADERS;
            case RESPONSES -> RESPONSE_HEADERS;
        };
        Arbitrary<String> cell = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(CELLS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("\",\n\r'=+-@ ").ofMaxLength(6)));
        Arbitrary<String> randomHeader = Arbitraries.of(headers).list().ofMinSize(0).ofMaxSize(6).map(h -> String.join(",", h));
        Arbitrary<String> randomRow = cell.list().ofMinSize(0).ofMaxSize(7).map(ImportFuzz::csvLine);
        // half the files are well formed but for a cell now and then: imports that succeed, large ones too
        List<Arbitrary<String>> columns = switch (kind) {
            case CUSTOMERS -> List.of(Arbitraries.of("王小明", "Alice Smith", "李芳", "=HYPERLINK(1)", "'quoted", "Bo"),
                    Arbitraries.integers().between(0, 99_999_999).map(n -> n % 5 == 0 ? "" : String.format(Locale.ROOT, "139%08d", n)),
                    Arbitraries.of("", "note, with a comma", "line\nbreak", "@home", "+1"));
            case PURCHASES -> List.of(Arbitraries.of("000001", "000002", "000003"), Arbitraries.of("2026-11-01", "2026/11/02", "2026-10-30 09:15"),
                    Arbitraries.of("12.50", "3", "0.01", "128"), Arbitraries.of("", "绿茶", "-discount", "=1+1"));
            case RESPONSES -> List.of(Arbitraries.of("000001", "000002", ""), Arbitraries.of("2026-11-01", "2026/10/3"),
                    Arbitraries.integers().between(0, 10).map(String::valueOf), Arbitraries.of("", "great", "=cmd", "slow, cold"));
        };
        String properHeader = switch (kind) {
            case CUSTOMERS -> "name,phone,notes";
            case PURCHASES -> "code,date,amount,note";
            case RESPONSES -> "code,date,q1,q2";
        };
        Arbitrary<String> properRow = Combinators.combine(columns.stream().map(c -> Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, c), net.jqwik.api.Tuple.of(1, cell))).toList()).as(ImportFuzz::csvLine);
        Arbitrary<String> header = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, randomHeader), net.jqwik.api.Tuple.of(1, Arbitraries.just(properHeader)));
        Arbitrary<String> row = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, randomRow), net.jqwik.api.Tuple.of(3, properRow));
        Arbitrary<List<String>> rows = row.list().ofMinSize(0).ofMaxSize(12);
        Arbitrary<Integer> encoding = Arbitraries.frequency(net.jqwik.api.Tuple.of(4, 0), net.jqwik.api.Tuple.of(2, 1),
                net.jqwik.api.Tuple.of(2, 2), net.jqwik.api.Tuple.of(1, 3)); // UTF-8, UTF-8 with BOM, GBK, mixed
        Arbitrary<Integer> damage = Arbitraries.frequency(net.jqwik.api.Tuple.of(12, 0), net.jqwik.api.Tuple.of(1, 1), net.jqwik.api.Tuple.of(1, 2));
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(header, rows, encoding, damage, seed)
                .as((h, r, enc, dmg, s) -> new Input(kind, bytes(h, r, enc, dmg, s)));
    }

    /** A row as a spreadsheet would write it, except that a cell with a quote is sometimes left unquoted or half quoted. */
    private static String csvLine(List<String> cells) {
        if (cells.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            boolean needs = c.contains(",") || c.contains("\n") || c.contains("\"");
            boolean broken = (c.hashCode() & 7) == 0;
            if (needs && !broken) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static byte[] bytes(String header, List<String> rows, int encoding, int damage, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Charset gbk = Charset.forName("GB18030");
        if (encoding == 1) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes((header + "\n").getBytes(encoding == 2 ? gbk : StandardCharsets.UTF_8));
        for (int i = 0; i < rows.size(); i++) {
            Charset cs = encoding == 2 || (encoding == 3 && i % 2 == 1) ? gbk : StandardCharsets.UTF_8;
            out.writeBytes((rows.get(i) + (i % 3 == 2 ? "\r\n" : "\n")).getBytes(cs));
        }
        byte[] b = out.toByteArray();
        java.util.Random random = new java.util.Random(seed);
        if (damage == 1 && b.length > 0) { // a few bytes flipped
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
        } else if (damage == 2 && b.length > 1) { // cut anywhere, in a character too
            b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
        }
        return b;
    }

    private long rows() {
        var dsl = ctx.database().dsl();
        return dsl.fetchCount(CUSTOMER) * 1_000_000_000L + dsl.fetchCount(PURCHASE) * 1_000_000L
                + dsl.fetchCount(POINT_ENTRY) * 1_000L + dsl.fetchCount(SURVEY_RESPONSE);
    }

    private long rowsOf(Kind kind) {
        var dsl = ctx.database().dsl();
        return switch (kind) {
            case CUSTOMERS -> dsl.fetchCount(CUSTOMER);
            case PURCHASES -> dsl.fetchCount(PURCHASE);
            case RESPONSES -> dsl.fetchCount(SURVEY_RESPONSE);
        };
    }

    /**
     * Imports one input and checks it; returns null when all is well, else what went wrong
     * (an uncaught exception, or a partial import). The figures count either way.
     */
    public String check(Input input) throws IOException {
        Path file = dir.resolve("fuzz.csv");
        Files.write(file, input.bytes());
        long before = rows();
        long kindBefore = rowsOf(input.kind());
        int imported = 0;
        boolean succeeded = false;
        figures.inputs++;
        figures.byKind[input.kind().ordinal()]++;
        try {
            switch (input.kind()) {
                case CUSTOMERS -> {
                    ImportReport r = new CustomerCsvImporter(ctx.customers()).importFile(file, Progress.NONE, () -> false);
                    succeeded = r.succeeded();
                    imported = r.imported();
                    count(r.succeeded(), r.rejected().size());
                }
                case PURCHASES -> {
                    ImportReport r = new PurchaseCsvImporter(ctx.membership(), ctx.customers().phones()).importFile(file);
                    succeeded = r.succeeded();
                    imported = r.imported();
                    count(r.succeeded(), r.rejected().size());
                }
                case RESPONSES -> {
                    ResponseFiles.ImportResult r = new ResponseFiles(ctx.surveys(), messages).importCsv(survey, file);
                    succeeded = r.succeeded();
                    imported = r.imported();
                    count(r.succeeded(), r.problems().size());
                }
            }
        } catch (UserException e) {
            figures.refusedWithMessage++;
            messages.describe(e); // its message must exist in the bundle
        } catch (RuntimeException | Error e) {
            figures.uncaught++;
            return "uncaught " + e + " on " + describe(input);
        }
        long after = rows();
        long kindAfter = rowsOf(input.kind());
        boolean flags = ctx.settings().get(CustomerService.FILL_PENDING).isPresent()
                || ctx.settings().get(MembershipService.IMPORT_PENDING).isPresent();
        boolean whole = succeeded ? kindAfter - kindBefore == imported : after == before;
        if (!whole || flags) {
            figures.partial++;
            return "partial import (" + kindBefore + " -> " + kindAfter + " rows, " + imported + " reported" + (flags ? ", a flag left" : "")
                    + ") on " + describe(input);
        }
        return null;
    }

    private void count(boolean succeeded, int rejected) {
        if (succeeded) {
            figures.imported++;
        } else {
            figures.rejectedRows++;
        }
    }

    public static String describe(Input input) {
        return input.kind() + " file " + new String(input.bytes(), StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void close() {
        ctx.close();
    }
}
