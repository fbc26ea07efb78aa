package app.regulars.membership;

import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.tables.RejectedRow;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowProblem;
import app.regulars.tables.RowReader;
import app.regulars.tables.RowReader.Row;

import app.regulars.customer.PhoneNumbers;
import app.regulars.i18n.UserException;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports purchases from a CSV file or an Excel sheet ({@link RowFile}; columns: customer code or phone, date, amount, note),
 * all or nothing like the customer import, streamed: a first pass checks every row (an
 * unknown or archived customer, a bad date or amount is a rejected row with its line), looking
 * customers up a thousand rows at a time; only when none is rejected does a second pass read
 * the file again and hand the purchases to
 * {@link MembershipService#importPurchases(java.util.function.Consumer, java.util.function.BooleanSupplier)}
 * a slice at a time (points earned and tiers re-evaluated set-based, all or nothing). A row the
 * store already has (same customer, amount and minute, or day when the file gives no time:
 * {@link PurchasesHere}) is left out, so the same file twice adds nothing twice. The file is
 * never held in memory; what is kept is one entry per customer the file names, and the
 * purchases already here of those customers as primitive arrays.
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
            Map.entry("note", "note"), Map.entry("items", "note"), Map.entry("备注", "note"), Map.entry("商品", "note"),
            Map.entry("items / note", "note"), Map.entry("商品 / 备注", "note"), Map.entry("商品/备注", "note"),
            Map.entry("voided", "voided"), Map.entry("void", "voided"), Map.entry("已作废", "voided"), Map.entry("作废", "voided"));
    /**
     * Headers that name the customer's code only when no other column does: {@code export purchases}
     * writes {@code Code} and then {@code Customer}, the name.
     */
    private static final Set<String> CODE_UNLESS_ANOTHER = Set.of("customer");
    private static final Set<String> VOIDED = Set.of("yes", "y", "true", "1", "x", "是", "已作废");
    private static final Set<String> NOT_VOIDED = Set.of("no", "n", "false", "0", "否");
    /** Rows whose customers are looked up in one query each for codes and phones. */
    private static final int CHECK_CHUNK = 1_000;
    private static final MembershipService.CustomerRef NOBODY = new MembershipService.CustomerRef(-1, false);
    private static final String INVALID = "";

    private final MembershipService membership;
    private final PhoneNumbers phones;

    public PurchaseCsvImporter(MembershipService membership, PhoneNumbers phones) {
        this.membership = membership;
        this.phones = phones;
    }

    /** The header's columns by meaning, the headers ignored, and the customers and numbers looked up so far. */
    private static final class Lookup {
        final List<String> header;
        final Map<String, Integer> col = new HashMap<>();
        final List<String> ignored = new ArrayList<>();
        final Map<String, MembershipService.CustomerRef> byCode = new HashMap<>();
        final Map<String, MembershipService.CustomerRef> byPhone = new HashMap<>();
        /** Each phone cell as typed, in E.164 ({@link #INVALID} when it is not a number): libphonenumber once per number. */
        final Map<String, String> e164 = new HashMap<>();
        /** The highest earn rate of the tiers: every amount must earn points a member can hold at it. */
        BigDecimal highestRate = BigDecimal.ONE;
        /** Rows marked voided so far (left out). */
        int voided;

        Lookup(List<String> header) {
            this.header = header;
        }

        String headerOf(String column) {
            return header.get(col.get(column)).strip();
        }

        /** The ids of the customers the file names, ascending. */
        long[] customerIds() {
            return java.util.stream.Stream.concat(byCode.values().stream(), byPhone.values().stream())
                    .filter(c -> c != NOBODY).mapToLong(MembershipService.CustomerRef::id).distinct().sorted().toArray();
        }
    }

    public ImportReport importFile(Path file) {
        return importFile(file, null);
    }

    /** Imports {@code file}, a workbook's {@code sheet} (by name or number; null: the first). */
    public ImportReport importFile(Path file, String sheet) {
        return importFile(RowFile.open(file, sheet, RowFile.TABLES), null, Progress.NONE, () -> false);
    }

    /**
     * The fields a column can go to, the keys of a {@link ColumnMapping}: code, phone, date, amount,
     * note, voided (a row marked voided is left out, as {@code export purchases} marks them).
     */
    public static final List<String> FIELDS = List.of("code", "phone", "date", "amount", "note", "voided");

    /**
     * The mapping the header's names give (English and Chinese): what an import without one uses.
     * A file written by {@code export purchases} maps as it is: its code, date, amount, items and
     * voided columns; the name, points, discounts and purchase number are left out.
     */
    public static ColumnMapping automatic(List<String> header) {
        List<String> names = header.stream().map(h -> h == null ? "" : h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
        boolean anotherCode = names.stream().anyMatch(n -> !CODE_UNLESS_ANOTHER.contains(n) && "code".equals(HEADERS.get(n)));
        List<String> fields = new ArrayList<>();
        for (String n : names) {
            fields.add(anotherCode && CODE_UNLESS_ANOTHER.contains(n) ? null : HEADERS.get(n));
        }
        return new ColumnMapping(fields);
    }

    /** What the first pass found: the rows read, those rejected, and those marked voided (left out). */
    private record Pass(int rows, List<RejectedRow> rejected, Lookup lookup, int voided) {
    }

    /** The checks of an import on the first {@code limit} rows with {@code mapping} (null: the header's), nothing stored. */
    public ImportReport check(RowFile source, ColumnMapping mapping, int limit) {
        Pass pass = firstPass(source, mapping, limit, Progress.NONE, () -> false);
        int alreadyHere = pass.rows() == pass.voided() ? 0
                : repeated(source, pass.lookup(), membership.purchasesOf(pass.lookup().customerIds()), pass.rows(), () -> false, true).cardinality();
        return new ImportReport(pass.rows(), 0, pass.rejected(), pass.lookup().ignored, source.charset(), 0, alreadyHere, pass.voided(), List.of());
    }

    private Pass firstPass(RowFile source, ColumnMapping mapping, int limit, Progress progress, BooleanSupplier cancelled) {
        List<RejectedRow> rejected = new ArrayList<>();
        Lookup lookup;
        int rows = 0;
        long estimate = source.estimatedRows();
        try (RowReader in = source.rows()) {
            lookup = lookup(in.header(), mapping == null ? automatic(in.header()) : mapping, source.fileName());
            lookup.highestRate = membership.highestEarnRate();
            List<Row> chunk = new ArrayList<>(CHECK_CHUNK);
            for (Row row = rows < limit ? in.next() : null; row != null; row = rows < limit ? in.next() : null) {
                if (cancelled.getAsBoolean()) {
                    throw new UserException("common.cancelled");
                }
                chunk.add(row);
                rows++;
                if (chunk.size() == CHECK_CHUNK) {
                    check(chunk, lookup, rejected);
                    progress.update(rows, estimate <= 0 ? 0 : 2 * Math.max(estimate, rows));
                }
            }
            check(chunk, lookup, rejected);
            if (rows < limit && in.unreadable() != null) {
                rejected.add(in.unreadable());
            }
        }
        rejected.sort(RejectedRow.IN_FILE_ORDER);
        return new Pass(rows, rejected, lookup, lookup.voided);
    }

    /**
     * Imports {@code source} with {@code mapping} (null: the header's names give it, as from the
     * command line), all or nothing; stops, storing nothing, when {@code cancelled}.
     */
    public ImportReport importFile(RowFile source, ColumnMapping mapping, Progress progress, BooleanSupplier cancelled) {
        String fileName = source.fileName();
        Pass pass = firstPass(source, mapping, Integer.MAX_VALUE, progress, cancelled);
        List<RejectedRow> rejected = pass.rejected();
        Lookup lookup = pass.lookup();
        int rows = pass.rows();
        if (rows == 0 && rejected.isEmpty()) {
            throw new UserException("exchange.error.noRows", fileName);
        }
        if (!rejected.isEmpty()) {
            return new ImportReport(rows, 0, rejected, lookup.ignored, source.charset());
        }

        // Second pass: the same rows again (their customers known now), stored a slice at a time,
        // but for those the store already has (the same file again, a till's export that repeats days).
        int checked = rows;
        int voided = pass.voided();
        BitSet repeated = voided == rows ? new BitSet() : repeated(source, lookup, membership.purchasesOf(lookup.customerIds()), checked, cancelled, false);
        int alreadyHere = repeated.cardinality();
        int toAdd = rows - voided - alreadyHere;
        int imported = toAdd == 0 ? 0 : membership.importPurchases(fileName, toAdd, slices -> {
            int again = 0;
            try (RowReader in = source.rows()) {
                List<PurchaseLine> slice = new ArrayList<>(MembershipService.IMPORT_SLICE);
                for (Row row = in.next(); row != null; row = in.next()) {
                    List<RowProblem> problems = new ArrayList<>();
                    PurchaseLine line = line(row, lookup, problems);
                    if (!problems.isEmpty() || ++again > checked) {
                        throw new UserException("exchange.error.changed", fileName);
                    }
                    if (line == VOIDED_LINE || repeated.get(again - 1)) {
                        continue;
                    }
                    slice.add(line);
                    if (slice.size() == MembershipService.IMPORT_SLICE) {
                        slices.add(slice);
                        slice = new ArrayList<>(MembershipService.IMPORT_SLICE);
                    }
                }
                if (in.unreadable() != null || again != checked) {
                    throw new UserException("exchange.error.changed", fileName);
                }
                if (!slice.isEmpty()) {
                    slices.add(slice);
                }
            }
        }, cancelled);
        progress.update(1, 1);
        return new ImportReport(rows, imported, List.of(), lookup.ignored, source.charset(), 0, alreadyHere, voided, List.of());
    }

    /**
     * The rows (numbered from 0, in file order) that repeat a purchase {@code here}: read again
     * only when the store has purchases of the file's customers, so that the storing pass knows
     * beforehand how many it adds (a large load's indexes are made again after it) and an import
     * that adds nothing writes nothing. With {@code preview}, the first {@code checked} rows only,
     * those the check refused passed over (the window's preview says how many of its rows are here).
     */
    private BitSet repeated(RowFile source, Lookup lookup, PurchasesHere here, int checked, BooleanSupplier cancelled, boolean preview) {
        BitSet repeated = new BitSet();
        if (here.size() == 0) {
            return repeated;
        }
        int index = 0;
        try (RowReader in = source.rows()) {
            for (Row row = in.next(); row != null; row = in.next(), index++) {
                if (cancelled.getAsBoolean()) {
                    throw new UserException("common.cancelled");
                }
                if (preview && index >= checked) {
                    break;
                }
                List<RowProblem> problems = new ArrayList<>();
                PurchaseLine line = line(row, lookup, problems);
                if (preview && !problems.isEmpty()) {
                    continue;
                }
                if (!problems.isEmpty() || index >= checked) {
                    throw new UserException("exchange.error.changed", source.fileName());
                }
                if (line != VOIDED_LINE && here.take(line.customerId(), line.at(), dateOnly(cell(row, lookup.col.get("date"))), line.amount())) {
                    repeated.set(index);
                }
            }
        }
        return repeated;
    }

    private static Lookup lookup(List<String> header, ColumnMapping mapping, String fileName) {
        Lookup lookup = new Lookup(header);
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i).strip().replace("\uFEFF", "");
            String c = mapping.field(i);
            if (c == null) {
                if (!h.isEmpty()) {
                    lookup.ignored.add(h);
                }
            } else if (lookup.col.putIfAbsent(c, i) != null) {
                throw new UserException("exchange.error.duplicateColumn", fileName, header.get(lookup.col.get(c)).strip(), header.get(i).strip());
            }
        }
        if ((!lookup.col.containsKey("code") && !lookup.col.containsKey("phone")) || !lookup.col.containsKey("date")
                || !lookup.col.containsKey("amount")) {
            throw new UserException("membership.import.columns", fileName);
        }
        return lookup;
    }

    /** Looks up the chunk's customers not known yet, then checks each row; rows with problems become rejected rows. */
    private void check(List<Row> chunk, Lookup lookup, List<RejectedRow> rejected) {
        Set<String> codes = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Row row : chunk) {
            String code = cell(row, lookup.col.get("code"));
            if (code != null) {
                if (!lookup.byCode.containsKey(code)) {
                    codes.add(code);
                }
            } else {
                String e164 = e164(cell(row, lookup.col.get("phone")), lookup);
                if (e164 != null && !e164.equals(INVALID) && !lookup.byPhone.containsKey(e164)) {
                    numbers.add(e164);
                }
            }
        }
        if (!codes.isEmpty()) {
            Map<String, MembershipService.CustomerRef> found = membership.customersByCode(codes);
            codes.forEach(c -> lookup.byCode.put(c, found.getOrDefault(c, NOBODY)));
        }
        if (!numbers.isEmpty()) {
            Map<String, MembershipService.CustomerRef> found = membership.customersByPhone(numbers);
            numbers.forEach(n -> lookup.byPhone.put(n, found.getOrDefault(n, NOBODY)));
        }
        for (Row row : chunk) {
            List<RowProblem> problems = new ArrayList<>();
            PurchaseLine line = line(row, lookup, problems);
            if (!problems.isEmpty()) {
                rejected.add(row.rejected(problems));
            } else if (line == VOIDED_LINE) {
                lookup.voided++;
            }
        }
        chunk.clear();
    }

    /** The phone cell in E.164, {@link #INVALID} when it is not a number, null when empty. */
    private String e164(String phone, Lookup lookup) {
        if (phone == null) {
            return null;
        }
        return lookup.e164.computeIfAbsent(phone, p -> {
            try {
                return phones.normalize(p);
            } catch (UserException e) {
                return INVALID; // reported by line()
            }
        });
    }

    /** Why a phone cell is not a number (letters in it, too short...), in the user's language. */
    private RowProblem phoneProblem(String phone, Lookup lookup) {
        try {
            phones.normalize(phone);
            return RowProblem.of(lookup.headerOf("phone"), "membership.import.noSuchPhone", phone);
        } catch (UserException e) {
            return new RowProblem(lookup.headerOf("phone"), e.key(), List.of(e.args()));
        }
    }

    /** What {@link #line} gives for a row marked voided: checked like any other, then left out. */
    private static final PurchaseLine VOIDED_LINE = new PurchaseLine(-1, null, null, null);

    /** The purchase of a row whose customer has been looked up, {@link #VOIDED_LINE}, or null with its problems. */
    private PurchaseLine line(Row row, Lookup lookup, List<RowProblem> problems) {
        String code = cell(row, lookup.col.get("code"));
        String phone = cell(row, lookup.col.get("phone"));
        MembershipService.CustomerRef who = null;
        if (code != null) {
            who = lookup.byCode.get(code);
            if (who == NOBODY) {
                who = null;
                problems.add(RowProblem.of(lookup.headerOf("code"), "membership.import.noSuchCode", code));
            }
        } else if (phone != null) {
            String e164 = e164(phone, lookup);
            who = e164 == null || e164.equals(INVALID) ? null : lookup.byPhone.get(e164);
            if (who == NOBODY) {
                who = null;
            }
            if (INVALID.equals(e164)) {
                problems.add(phoneProblem(phone, lookup));
            } else if (who == null) {
                problems.add(RowProblem.of(lookup.headerOf("phone"), "membership.import.noSuchPhone", phone));
            }
        } else {
            problems.add(RowProblem.of(null, "membership.import.noCustomer"));
        }
        if (who != null && who.archived()) {
            problems.add(RowProblem.of(null, "membership.import.archived", code != null ? code : phone));
        }
        LocalDateTime at = null;
        String dateCell = cell(row, lookup.col.get("date"));
        try {
            at = dateTime(dateCell);
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.of(lookup.headerOf("date"), "membership.import.date", dateCell == null ? "" : dateCell));
        }
        BigDecimal amount = null;
        try {
            amount = MembershipService.parseAmount(cell(row, lookup.col.get("amount")));
            MembershipService.points(amount, lookup.highestRate);
        } catch (UserException e) {
            problems.add(new RowProblem(lookup.headerOf("amount"), e.key(), List.of(e.args())));
        }
        String note = cell(row, lookup.col.get("note"));
        if (note != null && note.length() > MembershipService.MAX_NOTE) {
            problems.add(RowProblem.of(lookup.headerOf("note"), "membership.error.tooLong", MembershipService.MAX_NOTE));
        }
        String voidedCell = cell(row, lookup.col.get("voided"));
        boolean voided = false;
        if (voidedCell != null) {
            String v = voidedCell.toLowerCase(Locale.ROOT);
            voided = VOIDED.contains(v);
            if (!voided && !NOT_VOIDED.contains(v)) {
                problems.add(RowProblem.of(lookup.headerOf("voided"), "membership.import.voided", voidedCell));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return voided ? VOIDED_LINE : new PurchaseLine(who.id(), at, amount, note);
    }

    private static String cell(Row row, Integer index) {
        if (index == null || index >= row.cells().size()) {
            return null;
        }
        String s = row.cells().get(index);
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Whether a date cell {@link #dateTime} reads gives the date alone, no time. */
    static boolean dateOnly(String cell) {
        Matcher m = DATE_TIME.matcher(cell.strip());
        return m.matches() && m.group(4) == null;
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
