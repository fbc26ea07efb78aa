package app.regulars.survey;

import app.regulars.tables.AtomicFile;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowProblem;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowReader;
import app.regulars.tables.SpreadsheetCells;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Survey responses to and from files. Import: a CSV file or an Excel sheet ({@link RowFile}) with
 * columns {@code code} (blank for a walk-in), {@code date} (yyyy-mm-dd), optionally
 * {@code channel}, then {@code q1}, {@code q2}, ... in question order; all or nothing. Export: CSV (UTF-8 with BOM, the same columns, so it
 * can be imported again) or Excel (headed in the user's language, with the questions' texts,
 * which the import reads back too), written to a temp file and moved into place.
 */
public final class ResponseFiles {
    public enum Format { CSV, XLSX }

    /** One wrong row: its line (or Excel row), the place as the user reads it ("line 3", "row 3"), and the reason, in the user's language. */
    public record Problem(long line, String place, String reason) {
    }

    /** What an import did: how many responses were saved, or the rows that stopped it. */
    public record ImportResult(int imported, List<Problem> problems) {
        public boolean succeeded() {
            return problems.isEmpty();
        }
    }

    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/M/d");
    private static final Messages EN = new Messages(Locale.ENGLISH);
    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    private final SurveyService surveys;
    private final Messages messages;

    public ResponseFiles(SurveyService surveys, Messages messages) {
        this.surveys = surveys;
        this.messages = messages;
    }

    /** Imports a CSV file or a workbook's first sheet: {@link #importFile(Survey, Path, String)}. */
    public ImportResult importCsv(Survey survey, Path file) {
        return importFile(survey, file, null);
    }

    /**
     * Reads the file a row at a time ({@link RowReader}: in a CSV file, a quotation mark never
     * closed or quotes that do not match are reported as such, with their line), checks every
     * row, and saves them all in one transaction only when none is wrong. A file with a header and
     * no rows is refused. {@code sheet}: a workbook's sheet by name or number (null: the first).
     */
    public ImportResult importFile(Survey survey, Path file, String sheet) {
        ImportReport report = importFile(survey, RowFile.open(file, sheet, RowFile.TABLES), null, () -> false);
        if (!report.succeeded()) {
            return new ImportResult(0, report.rejected().stream()
                    .map(r -> new Problem(r.line(), r.place().text(messages), r.reason(messages))).toList());
        }
        return new ImportResult(report.imported(), List.of());
    }

    /** The fields a column can go to, the keys of a {@link ColumnMapping}: code, date, channel, then q1, q2, ... for the survey's questions. */
    public static List<String> fields(Survey survey) {
        List<String> fields = new ArrayList<>(List.of("code", "date", "channel"));
        for (int i = 1; i <= survey.questions().size(); i++) {
            fields.add("q" + i);
        }
        return fields;
    }

    /**
     * The mapping the header's names give (a name repeated: its first column): what an import
     * without one uses. It reads the CSV export's names (code, date, channel, q1, ...) and the
     * Excel export's, in English or Chinese: Code / 卡号, Date, Channel, and each question's text
     * (so an Excel file Regulars wrote comes back in; its Customer column is ignored).
     */
    public static ColumnMapping automatic(List<String> header, Survey survey) {
        List<String> known = fields(survey);
        Map<String, String> names = new HashMap<>();
        for (Messages m : List.of(EN, ZH)) {
            names.putIfAbsent(key(m.get("survey.export.code")), "code");
            names.putIfAbsent(key(m.get("survey.export.date")), "date");
            names.putIfAbsent(key(m.get("survey.export.channel")), "channel");
        }
        for (int i = 0; i < survey.questions().size(); i++) {
            Question q = survey.questions().get(i);
            names.putIfAbsent(key(q.text(false)), "q" + (i + 1));
            names.putIfAbsent(key(q.text(true)), "q" + (i + 1));
        }
        List<String> fields = new ArrayList<>();
        for (String h : header) {
            String name = h == null ? "" : key(h);
            String field = known.contains(name) ? name : names.get(name);
            fields.add(field != null && !fields.contains(field) ? field : null); // a repeated name: its first column, as ever
        }
        return new ColumnMapping(fields);
    }

    private static String key(String header) {
        return header.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
    }

    /** The checks of an import on the first {@code limit} rows with {@code mapping} (null: the header's), nothing stored. */
    public ImportReport check(Survey survey, RowFile source, ColumnMapping mapping, int limit) {
        Pass pass = read(survey, source, mapping, limit, () -> false);
        return new ImportReport(pass.rows(), 0, pass.rejected(), pass.ignored(), source.charset());
    }

    /**
     * Imports {@code source} with {@code mapping} (null: the header's names give it, as from the
     * command line), all or nothing; stops, saving nothing, when {@code cancelled}.
     */
    public ImportReport importFile(Survey survey, RowFile source, ColumnMapping mapping, BooleanSupplier cancelled) {
        Pass pass = read(survey, source, mapping, Integer.MAX_VALUE, cancelled);
        if (!pass.rejected().isEmpty()) {
            return new ImportReport(pass.rows(), 0, pass.rejected(), pass.ignored(), source.charset());
        }
        if (pass.responses().isEmpty()) {
            throw new UserException("exchange.error.noRows", source.fileName());
        }
        if (cancelled.getAsBoolean()) {
            throw new UserException("common.cancelled");
        }
        surveys.saveAll(pass.responses(), messages.isChinese());
        return new ImportReport(pass.rows(), pass.responses().size(), List.of(), pass.ignored(), source.charset());
    }

    private record Pass(int rows, List<NewResponse> responses, List<RejectedRow> rejected, List<String> ignored) {
    }

    private Pass read(Survey survey, RowFile source, ColumnMapping mapping, int limit, BooleanSupplier cancelled) {
        List<NewResponse> responses = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        int rows = 0;
        try (RowReader in = source.rows()) {
            List<String> header = in.header();
            ColumnMapping map = mapping == null ? automatic(header, survey) : mapping;
            List<String> mapped = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String field = map.field(i);
                if (field == null) {
                    String h = header.get(i) == null ? "" : header.get(i).strip();
                    if (!h.isEmpty()) {
                        ignored.add(h);
                    }
                } else if (mapped.contains(field)) {
                    throw new UserException("exchange.error.duplicateColumn", source.fileName(),
                            header.get(mapped.indexOf(field)).strip(), header.get(i).strip());
                }
                mapped.add(field);
            }
            int code = mapped.indexOf("code");
            int date = mapped.indexOf("date");
            int channel = mapped.indexOf("channel");
            int[] q = new int[survey.questions().size()];
            for (int i = 0; i < q.length; i++) {
                q[i] = mapped.indexOf("q" + (i + 1));
            }
            if (code < 0 || date < 0) {
                throw new UserException("survey.import.header");
            }
            for (RowReader.Row rec = rows < limit ? in.next() : null; rec != null; rec = rows < limit ? in.next() : null) {
                if (cancelled.getAsBoolean()) {
                    throw new UserException("common.cancelled");
                }
                rows++;
                try {
                    NewResponse r = row(survey, rec.cells(), code, date, channel, q);
                    surveys.validate(r, messages.isChinese());
                    if (limit == Integer.MAX_VALUE) {
                        responses.add(r);
                    }
                } catch (UserException e) {
                    rejected.add(rec.rejected(List.of(new RowProblem(null, e.key(), List.of(e.args())))));
                }
            }
            if (rows < limit && in.unreadable() != null) {
                rejected.add(in.unreadable());
            }
        }
        return new Pass(rows, responses, rejected, ignored);
    }

    private NewResponse row(Survey survey, List<String> rec, int codeCol, int dateCol, int channelCol, int[] q) {
        String code = field(rec, codeCol);
        Long customer = null;
        if (!code.isEmpty()) {
            customer = surveys.customerIdByCode(code).orElseThrow(() -> new UserException("survey.error.noCustomer", code));
        }
        String d = field(rec, dateCol);
        LocalDate date;
        try {
            date = d.contains("/") ? LocalDate.parse(d, SLASHED) : LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new UserException("survey.import.date", d);
        }
        ResponseChannel channel = ResponseChannel.OTHER;
        String c = field(rec, channelCol);
        if (!c.isEmpty()) {
            channel = channel(c);
        }
        List<Answer> answers = new ArrayList<>();
        boolean zh = messages.isChinese();
        for (int i = 0; i < q.length; i++) {
            String v = field(rec, q[i]);
            if (v.isEmpty()) {
                continue;
            }
            Question question = survey.questions().get(i);
            switch (question.kind()) {
                case SCORE -> {
                    try {
                        answers.add(Answer.score(question.id(), Integer.parseInt(v)));
                    } catch (NumberFormatException e) {
                        throw new UserException("survey.error.outOfScale", question.text(zh), question.scaleMin(), question.scaleMax());
                    }
                }
                case SINGLE, MULTI -> {
                    List<Long> ids = new ArrayList<>();
                    for (String part : v.split("[;；]")) {
                        if (!part.isBlank()) {
                            ids.add(choiceId(question, part.strip(), zh));
                        }
                    }
                    answers.add(Answer.choices(question.id(), ids));
                }
                case TEXT -> answers.add(Answer.text(question.id(), v));
            }
        }
        return new NewResponse(survey.id(), customer, null, channel, date, answers);
    }

    /** A channel as the CSV export writes it (visit, phone...) or as the Excel export does, in English or Chinese (Visit, 到店...). */
    private static ResponseChannel channel(String text) {
        for (ResponseChannel ch : ResponseChannel.values()) {
            if (ch.name().equalsIgnoreCase(text) || EN.get(ch.key()).equalsIgnoreCase(text) || ZH.get(ch.key()).equals(text)) {
                return ch;
            }
        }
        throw new UserException("survey.import.channel", text);
    }

    private static long choiceId(Question q, String value, boolean zh) {
        List<Choice> choices = q.choices();
        if (value.matches("\\d{1,3}")) {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= choices.size()) {
                return choices.get(n - 1).id();
            }
        }
        for (Choice c : choices) {
            if (c.label().equalsIgnoreCase(value) || value.equals(c.labelZh())) {
                return c.id();
            }
        }
        throw new UserException("survey.error.choice", q.text(zh));
    }

    private static String field(List<String> rec, int index) {
        return index < 0 || index >= rec.size() || rec.get(index) == null ? "" : rec.get(index).strip();
    }

    /** Writes the survey's responses in the filter to {@code file} (replaced); returns how many. */
    public int export(Survey survey, ResultFilter filter, Format format, Path file) {
        return AtomicFile.write(file, out -> format == Format.CSV ? writeCsv(survey, filter, out) : writeXlsx(survey, filter, out));
    }

    private List<String> machineHeader(Survey survey) {
        List<String> h = new ArrayList<>(List.of("code", "date", "channel", "name"));
        for (int i = 1; i <= survey.questions().size(); i++) {
            h.add("q" + i);
        }
        return h;
    }

    private static String cell(List<Object> values) {
        if (values == null) {
            return "";
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining("; "));
    }

    private static String who(ResponseRow r) {
        return r.customerName() != null ? r.customerName() : r.walkInName() != null ? r.walkInName() : "";
    }

    /** Writes the CSV (BOM included) to {@code out}, which stays open; returns how many responses. */
    public int writeCsv(Survey survey, ResultFilter filter, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(machineHeader(survey));
        int[] n = {0};
        int questions = survey.questions().size();
        surveys.forEachResponse(survey.id(), filter, messages.isChinese(), page -> {
            for (SurveyRepository.ExportRow row : page) {
                ResponseRow r = row.response();
                List<String> fields = new ArrayList<>(List.of(r.customerCode() == null ? "" : r.customerCode(),
                        r.answeredOn().toString(), r.channel().name().toLowerCase(Locale.ROOT), who(r)));
                for (int i = 1; i <= questions; i++) {
                    fields.add(cell(row.answers().get(i)));
                }
                csv.writeRecord(fields.stream().map(SpreadsheetCells::neutralise).toList());
                n[0]++;
            }
        });
        csv.flush();
        writer.flush();
        return n[0];
    }

    private int writeXlsx(Survey survey, ResultFilter filter, OutputStream out) throws IOException {
        boolean zh = messages.isChinese();
        Workbook wb = new Workbook(out, "Regulars", "1.0");
        Worksheet ws = wb.newWorksheet(messages.get("survey.export.sheet"));
        List<String> header = new ArrayList<>(List.of(messages.get("survey.export.code"), messages.get("survey.export.date"),
                messages.get("survey.export.channel"), messages.get("survey.export.customer")));
        survey.questions().forEach(q -> header.add(q.text(zh)));
        for (int c = 0; c < header.size(); c++) {
            ws.value(0, c, header.get(c));
            ws.style(0, c).bold().set();
        }
        int[] n = {0};
        surveys.forEachResponse(survey.id(), filter, zh, page -> {
            for (SurveyRepository.ExportRow row : page) {
                ResponseRow r = row.response();
                int line = ++n[0];
                ws.value(line, 0, r.customerCode() == null ? "" : r.customerCode());
                ws.value(line, 1, r.answeredOn());
                ws.style(line, 1).format("yyyy-mm-dd").set();
                ws.value(line, 2, messages.get(r.channel().key()));
                ws.value(line, 3, who(r));
                for (int i = 1; i <= survey.questions().size(); i++) {
                    List<Object> v = row.answers().get(i);
                    if (v != null && v.size() == 1 && v.getFirst() instanceof Integer score) {
                        ws.value(line, 3 + i, score);
                    } else if (v != null) {
                        ws.value(line, 3 + i, cell(v));
                    }
                }
            }
        });
        ws.width(3, 16);
        wb.finish();
        return n[0];
    }

    /** Parses "csv" or "xlsx"; a message for anything else. */
    public static Format format(String s) {
        try {
            return Format.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("survey.export.unknownFormat", s);
        }
    }

}
