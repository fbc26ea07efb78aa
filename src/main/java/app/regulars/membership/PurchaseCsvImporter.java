package app.regulars.membership;

import app.regulars.tables.ImportReport;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowProblem;
import app.regulars.tables.TextFiles;

import app.regulars.customer.PhoneNumbers;
import app.regulars.i18n.UserException;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports purchases from a CSV file (columns: customer code or phone, date, amount, note),
 * all or nothing like the customer import: every row is checked first (an unknown or
 * archived customer, a bad date or amount is a rejected row with its line), then all are
 * stored in one transaction, points earned and tiers re-evaluated set-based.
 */
public final class PurchaseCsvImporter {
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4})[-/.]?(\\d{1,2})[-/.]?(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");
    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("code", "code"), Map.entry("customer code", "code"), Map.entry("customer", "code"),
            Map.entry("card no.", "code"), Map.entry("会员卡号", "code"), Map.entry("卡号", "code"), Map.entry("编号", "code"),
            Map.entry("phone", "phone"), Map.entry("电话", "phone"), Map.entry("手机", "phone"), Map.entry("手机号", "phone"),
            Map.entry("date", "date"), Map.entry("日期", "date"), Map.entry("时间", "date"), Map.entry("消费日期", "date"),
            Map.entry("amount", "amount"), Map.entry("金额", "amount"), Map.entry("消费金额", "amount"),
            Map.entry("note", "note"), Map.entry("items", "note"), Map.entry("备注", "note"), Map.entry("商品", "note"));

    private final MembershipService membership;
    private final PhoneNumbers phones;

    public PurchaseCsvImporter(MembershipService membership, PhoneNumbers phones) {
        this.membership = membership;
        this.phones = phones;
    }

    private record Row(long line, List<String> cells) {
    }

    public ImportReport importFile(Path file) {
        TextFiles.Text text = TextFiles.read(file);
        return importText(text, file.toString());
    }

    ImportReport importText(TextFiles.Text text, String fileName) {
        List<RejectedRow> rejected = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        try (var it = CsvReader.builder().allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true)
                .ofCsvRecord(text.content()).iterator()) {
            while (true) {
                CsvRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (CsvParseException e) {
                    if (header == null) {
                        throw new UserException(e, "exchange.error.notCsv", fileName);
                    }
                    rejected.add(new RejectedRow(rows.isEmpty() ? 2 : rows.getLast().line() + 1, List.of(RowProblem.of(null, "exchange.row.badQuotes"))));
                    break;
                }
                if (header == null) {
                    header = r.getFields();
                } else if (!r.getFields().stream().allMatch(String::isBlank)) {
                    rows.add(new Row(r.getStartingLineNumber(), r.getFields()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw new UserException("exchange.error.noHeader", fileName);
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
            String c = HEADERS.get(h);
            if (c == null) {
                if (!h.isEmpty()) {
                    ignored.add(header.get(i).strip());
                }
            } else if (col.putIfAbsent(c, i) != null) {
                throw new UserException("exchange.error.duplicateColumn", fileName, header.get(col.get(c)).strip(), header.get(i).strip());
            }
        }
        if ((!col.containsKey("code") && !col.containsKey("phone")) || !col.containsKey("date") || !col.containsKey("amount")) {
            throw new UserException("membership.import.columns", fileName);
        }

        Set<String> codes = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Map<Long, String> phoneOf = new HashMap<>();
        for (Row row : rows) {
            String code = cell(row, col.get("code"));
            if (code != null) {
                codes.add(code);
            } else {
                String phone = cell(row, col.get("phone"));
                if (phone != null) {
                    try {
                        String e164 = phones.normalize(phone);
                        numbers.add(e164);
                        phoneOf.put(row.line(), e164);
                    } catch (UserException e) {
                        // reported below
                    }
                }
            }
        }
        Map<String, MembershipService.CustomerRef> byCode = membership.customersByCode(codes);
        Map<String, MembershipService.CustomerRef> byPhone = membership.customersByPhone(numbers);

        List<PurchaseLine> valid = new ArrayList<>();
        for (Row row : rows) {
            List<RowProblem> problems = new ArrayList<>();
            String code = cell(row, col.get("code"));
            String phone = cell(row, col.get("phone"));
            MembershipService.CustomerRef who = null;
            if (code != null) {
                who = byCode.get(code);
                if (who == null) {
                    problems.add(RowProblem.of(header.get(col.get("code")).strip(), "membership.import.noSuchCode", code));
                }
            } else if (phone != null) {
                String e164 = phoneOf.get(row.line());
                who = e164 == null ? null : byPhone.get(e164);
                if (who == null) {
                    problems.add(RowProblem.of(header.get(col.get("phone")).strip(), "membership.import.noSuchPhone", phone));
                }
            } else {
                problems.add(RowProblem.of(null, "membership.import.noCustomer"));
            }
            if (who != null && who.archived()) {
                problems.add(RowProblem.of(null, "membership.import.archived", code != null ? code : phone));
            }
            LocalDateTime at = null;
            String dateCell = cell(row, col.get("date"));
            try {
                at = dateTime(dateCell);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.of(header.get(col.get("date")).strip(), "membership.import.date", dateCell == null ? "" : dateCell));
            }
            BigDecimal amount = null;
            try {
                amount = MembershipService.parseAmount(cell(row, col.get("amount")));
            } catch (UserException e) {
                problems.add(new RowProblem(header.get(col.get("amount")).strip(), e.key(), List.of(e.args())));
            }
            String note = cell(row, col.get("note"));
            if (note != null && note.length() > MembershipService.MAX_NOTE) {
                problems.add(RowProblem.of(header.get(col.get("note")).strip(), "membership.error.tooLong", MembershipService.MAX_NOTE));
            }
            if (problems.isEmpty()) {
                valid.add(new PurchaseLine(who.id(), at, amount, note));
            } else {
                rejected.add(new RejectedRow(row.line(), problems));
            }
        }
        if (!rejected.isEmpty()) {
            rejected.sort(java.util.Comparator.comparingLong(RejectedRow::line));
            return new ImportReport(rows.size(), 0, rejected, ignored, text.charset());
        }
        int imported = membership.importPurchases(valid);
        return new ImportReport(rows.size(), imported, List.of(), ignored, text.charset());
    }

    private static String cell(Row row, Integer index) {
        if (index == null || index >= row.cells().size()) {
            return null;
        }
        String s = row.cells().get(index);
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** {@code 2026-11-23}, {@code 2026/11/23}, {@code 20261123}, optionally with {@code HH:mm[:ss]}; a date alone is noon. */
    static LocalDateTime dateTime(String cell) {
        if (cell == null) {
            throw new IllegalArgumentException("empty");
        }
        Matcher m = DATE_TIME.matcher(cell.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(cell);
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime t = m.group(4) == null ? LocalTime.NOON
                    : LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return d.atTime(t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(cell, e);
        }
    }
}
