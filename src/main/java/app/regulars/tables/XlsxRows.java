package app.regulars.tables;

import app.regulars.i18n.UserException;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rows of one sheet of an Excel workbook (.xlsx), read with fastexcel-reader as a stream of
 * XML: the sheet is never held whole (only the workbook's shared strings, as far as they have
 * been used). The first row that is not blank is the header (a title of one cell above it is passed
 * over: {@link #readHeader()}); each row keeps the number Excel
 * shows for it. A list longer than a sheet holds goes on in the sheets {@link RowFile#continuations}
 * names, each with the same header again: their rows follow the first sheet's, and name their
 * sheet ("row 6 of sheet “Purchases (2)”"; a row of the first sheet is "row 6", as in a workbook of
 * one list). Cells become the text the other importers read, as Excel stores them: a date
 * cell becomes {@code 2026-11-23} (with {@code HH:mm} when it has a time), a number is written
 * plainly ({@code 12}, not {@code 12.0}; a phone stored as a number keeps its digits; at most
 * 15 significant digits, as Excel shows them; a number formatted {@code 00000} keeps its
 * leading zeros), text as it is, a formula as its last computed value (decision 0023).
 */
final class XlsxRows implements RowReader {
    private static final ReadingOptions OPTIONS = new ReadingOptions(true, true);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern ZEROS = Pattern.compile("^0{2,}$");
    /** Parts of a number format that are not date or time letters: quoted text, [colours], escaped characters. */
    private static final Pattern LITERALS = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.|_.|\\*.");

    private final String fileName;
    private final ReadableWorkbook workbook;
    private Stream<org.dhatim.fastexcel.reader.Row> stream;
    private Iterator<org.dhatim.fastexcel.reader.Row> rows;
    private final List<String> header;
    /** The sheets, by index, that go on with the list, not read yet. */
    private final java.util.ArrayDeque<Integer> further;
    /** The name of the sheet being read when it goes on with the first one's list, else null. */
    private String sheetName;
    /** The rows of one cell at the top that may be a title above the header: at most this many. */
    private static final int TITLE_ROWS = 3;
    /** Rows read while looking for the header that turned out to be data, to be handed out first. */
    private final java.util.ArrayDeque<Row> ahead = new java.util.ArrayDeque<>();

    private XlsxRows(Path file, int sheetIndex, List<Integer> continuations, String fileName) {
        this.fileName = fileName;
        this.further = new java.util.ArrayDeque<>(continuations);
        ReadableWorkbook wb = open(file, fileName);
        this.workbook = wb;
        try {
            openSheet(sheetIndex, false);
        } catch (RuntimeException e) {
            closeQuietly(wb);
            throw e;
        }
        try {
            List<String> h = readHeader();
            if (h == null) {
                throw new UserException("exchange.error.noHeader", fileName);
            }
            header = h;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts reading the sheet at {@code index}; {@code named}: its rows name it. */
    private void openSheet(int index, boolean named) {
        try {
            Sheet sheet = workbook.getSheet(index).orElseThrow(() -> new UserException("exchange.error.xlsxDamaged", fileName));
            stream = sheet.openStream();
            rows = stream.iterator();
            sheetName = named ? sheet.getName() : null;
        } catch (IOException | RuntimeException e) {
            throw e instanceof UserException u ? u : new UserException(e, "exchange.error.xlsxDamaged", fileName);
        }
    }

    /**
     * The next sheet that goes on with the list, its header read: false when there is none, or when
     * its header is not the first sheet's (then it holds another list, and is not read).
     */
    private boolean nextSheet() {
        while (!further.isEmpty()) {
            closeStream();
            openSheet(further.poll(), true);
            List<String> h = readHeader();
            if (h == null) {
                continue; // an empty sheet
            }
            if (!withoutTrailingBlanks(h).equals(withoutTrailingBlanks(header))) {
                ahead.clear();
                further.clear();
                return false;
            }
            return true;
        }
        return false;
    }

    private static List<String> withoutTrailingBlanks(List<String> cells) {
        int n = cells.size();
        while (n > 0 && cells.get(n - 1).isBlank()) {
            n--;
        }
        return cells.subList(0, n).stream().map(String::strip).toList();
    }

    /**
     * The header: the first row that is not blank, unless it holds a single cell and one of the
     * next {@value #TITLE_ROWS} rows that are not blank holds more; then the rows of one cell above
     * that one are a title (Regulars' own Excel exports put a title and a subtitle above their
     * header) and are passed over. Otherwise the rows looked at are read again as data.
     */
    private List<String> readHeader() {
        Row first = nextInSheet();
        if (first == null) {
            return null;
        }
        if (filled(first.cells()) > 1) {
            return first.cells();
        }
        List<Row> below = new ArrayList<>();
        for (int i = 0; i < TITLE_ROWS; i++) {
            Row row = nextInSheet();
            if (row == null) {
                break;
            }
            below.add(row);
            if (filled(row.cells()) > 1) {
                ahead.addAll(below.subList(i + 1, below.size()));
                return row.cells();
            }
        }
        ahead.addAll(below);
        return first.cells();
    }

    private static long filled(List<String> cells) {
        return cells.stream().filter(c -> !c.isBlank()).count();
    }

    /**
     * Opens the sheet at {@code sheetIndex} (0-based) and reads its header; its rows go on in the
     * sheets {@code continuations} (in that order) that have the same header.
     */
    static XlsxRows open(Path file, int sheetIndex, List<Integer> continuations, String fileName) {
        return new XlsxRows(file, sheetIndex, continuations, fileName);
    }

    /** The workbook at {@code file}, or a message that says why it cannot be read. */
    static ReadableWorkbook open(Path file, String fileName) {
        try {
            return new ReadableWorkbook(file.toFile(), OPTIONS);
        } catch (NoSuchFileException e) {
            throw new UserException(e, "exchange.error.notFound", fileName);
        } catch (IOException | RuntimeException e) {
            // a cut file has no central directory; a ZIP that is no workbook lacks its parts
            throw new UserException(e, "exchange.error.xlsxDamaged", fileName);
        }
    }

    /** The sheets' names, in the workbook's order, and the index of the first one Excel shows. */
    record Sheets(List<String> names, int firstVisible) {
    }

    static Sheets sheets(Path file, String fileName) {
        ReadableWorkbook wb = open(file, fileName);
        try {
            List<String> names = new ArrayList<>();
            int firstVisible = -1;
            for (Sheet s : wb.getSheets().toList()) {
                if (firstVisible < 0 && s.getVisibility() == SheetVisibility.VISIBLE) {
                    firstVisible = names.size();
                }
                names.add(s.getName());
            }
            if (names.isEmpty()) {
                throw new UserException("exchange.error.xlsxDamaged", fileName);
            }
            return new Sheets(names, Math.max(0, firstVisible));
        } catch (RuntimeException e) {
            throw e instanceof UserException u ? u : new UserException(e, "exchange.error.xlsxDamaged", fileName);
        } finally {
            closeQuietly(wb);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Row next() {
        while (true) {
            Row row = ahead.isEmpty() ? nextInSheet() : ahead.poll();
            if (row != null) {
                return row;
            }
            if (!nextSheet()) {
                return null;
            }
        }
    }

    /** The next row of the sheet being read that is not blank, or null at its end. */
    private Row nextInSheet() {
        for (org.dhatim.fastexcel.reader.Row row = nextRow(); row != null; row = nextRow()) {
            List<String> cells = cells(row);
            if (!blank(cells)) {
                return new Row(row.getRowNum(), cells, RejectedRow.Unit.ROW, sheetName);
            }
        }
        return null;
    }

    @Override
    public RejectedRow unreadable() {
        return null;
    }

    private org.dhatim.fastexcel.reader.Row nextRow() {
        try {
            return rows.hasNext() ? rows.next() : null;
        } catch (ExcelReaderException | UncheckedIOException | IllegalStateException e) {
            // the sheet's XML or its compressed data ends or breaks part way
            throw new UserException(e, "exchange.error.xlsxDamaged", fileName);
        }
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    private static List<String> cells(org.dhatim.fastexcel.reader.Row row) {
        int n = row.getCellCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(text(row.getCell(i)));
        }
        return out;
    }

    /** A cell as the text an importer reads (see the class comment). */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        Object value = cell.getValue();
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> value == null ? "" : value.toString();
            case BOOLEAN -> Boolean.TRUE.equals(value) ? "true" : "false";
            case ERROR -> cell.getRawValue() == null ? "" : cell.getRawValue();
            case NUMBER -> value == null ? "" : number(cell, (BigDecimal) value);
            case FORMULA -> switch (value) {
                case null -> "";
                case BigDecimal d -> number(cell, d);
                case String s when cell.getDataFormatId() != null && isNumeric(s) -> number(cell, new BigDecimal(s));
                default -> value.toString();
            };
        };
    }

    private static boolean isNumeric(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String number(Cell cell, BigDecimal value) {
        Kind kind = kind(cell.getDataFormatId(), cell.getDataFormatString());
        if (kind != Kind.NUMBER) {
            LocalDateTime t;
            try {
                t = cell.getType() == CellType.FORMULA ? null : cell.asDate();
            } catch (RuntimeException e) {
                t = null;
            }
            if (t == null) {
                t = excelDate(value);
            }
            if (t != null) {
                return switch (kind) {
                    case DATE -> t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                            : (t.getSecond() == 0 ? MINUTES : SECONDS).format(t);
                    case DATE_TIME -> (t.getSecond() == 0 ? MINUTES : SECONDS).format(t);
                    case TIME -> t.toLocalTime().withNano(0).toString();
                    case NUMBER -> throw new IllegalStateException();
                };
            }
        }
        String plain = value.round(new MathContext(15)).stripTrailingZeros().toPlainString();
        String format = cell.getDataFormatString();
        if (format != null && ZEROS.matcher(format).matches() && plain.matches("\\d+") && plain.length() < format.length()) {
            plain = "0".repeat(format.length() - plain.length()) + plain;
        }
        return plain;
    }

    /** A serial day number of the 1900 system (what a formula's date result is). */
    private static LocalDateTime excelDate(BigDecimal value) {
        double v = value.doubleValue();
        if (v < 0 || v > 2_958_465) {
            return null;
        }
        int days = (int) Math.floor(v);
        long millis = Math.round((v - days) * 86_400_000d);
        LocalDateTime base = LocalDateTime.of(1899, 12, 31, 0, 0);
        return base.plusDays(days < 61 ? days : days - 1).plusNanos(millis * 1_000_000);
    }

    enum Kind { NUMBER, DATE, DATE_TIME, TIME }

    /**
     * What a number format shows: Excel's built-in date and time formats by their number
     * (14-22, 45-47, and 27-36, 50-58 of Chinese, Japanese and Korean Excel), others by their
     * letters outside quotes and brackets: y or d (or m without h or s) is a date, h or s a time.
     */
    static Kind kind(Integer id, String format) {
        if (id != null) {
            int n = id;
            if (n == 14 || n == 15 || n == 16 || n == 17 || (n >= 27 && n <= 31) || (n >= 34 && n <= 36) || (n >= 50 && n <= 58)) {
                return Kind.DATE;
            }
            if (n == 22) {
                return Kind.DATE_TIME;
            }
            if ((n >= 18 && n <= 21) || n == 32 || n == 33 || (n >= 45 && n <= 47)) {
                return Kind.TIME;
            }
            if (n < 164 && (format == null || format.isEmpty())) {
                return Kind.NUMBER;
            }
        }
        if (format == null) {
            return Kind.NUMBER;
        }
        String f = LITERALS.matcher(format).replaceAll("").toLowerCase(java.util.Locale.ROOT);
        int semicolon = f.indexOf(';');
        if (semicolon >= 0) {
            f = f.substring(0, semicolon);
        }
        boolean date = f.indexOf('y') >= 0 || f.indexOf('d') >= 0;
        boolean time = f.indexOf('h') >= 0 || f.indexOf('s') >= 0;
        if (!date && f.indexOf('m') >= 0 && !time) {
            date = true;
        }
        if (date && time) {
            return Kind.DATE_TIME;
        }
        return date ? Kind.DATE : time ? Kind.TIME : Kind.NUMBER;
    }

    @Override
    public void close() {
        closeStream();
        closeQuietly(workbook);
    }

    private void closeStream() {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (RuntimeException e) {
            // closing a damaged entry: nothing more to read from it anyway
        }
    }

    private static void closeQuietly(ReadableWorkbook wb) {
        try {
            if (wb != null) {
                wb.close();
            }
        } catch (IOException e) {
            // read-only: nothing was written that could be lost
        }
    }

    static Optional<Integer> sheetNumber(String s) {
        return s != null && s.strip().matches("\\d{1,4}") ? Optional.of(Integer.parseInt(s.strip())) : Optional.empty();
    }
}
