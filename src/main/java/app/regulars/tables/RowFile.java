package app.regulars.tables;

import app.regulars.i18n.UserException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A file of rows to import, checked once and read as often as an importer needs
 * ({@link #rows()}: every importer reads twice, to check and then to store), never whole: a CSV
 * file ({@link CsvRows}, in any encoding {@link TextFiles} reads), one sheet of an Excel workbook
 * with the sheets that go on with its list ({@link XlsxRows}, {@link #continuations}) or a vCard
 * file ({@link VcardRows}, customers only). What a file is comes from its content (a ZIP is a
 * workbook, text that begins with {@code BEGIN:VCARD} is a vCard, other text is CSV); a file whose name says otherwise is refused with a message that says what
 * it is, as is a password-protected workbook or an old .xls (both OLE2 files, not ZIPs) and a
 * damaged one (decision 0023).
 */
public final class RowFile {
    /** What a file holds. */
    public enum Format {
        CSV("csv"), XLSX("xlsx"), VCARD("vcf");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** Every format: what the customer import reads. */
    public static final Set<Format> ANY = Set.of(Format.CSV, Format.XLSX, Format.VCARD);
    /** Tables only: purchases, survey responses. */
    public static final Set<Format> TABLES = Set.of(Format.CSV, Format.XLSX);

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** The stream an encrypted Office file keeps its document in, as its directory names it (UTF-16LE). */
    private static final byte[] ENCRYPTED_PACKAGE = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);

    private final Path file;
    private final String fileName;
    private final Format format;
    private final TextFiles.Source text;
    private final int sheet;
    private final long estimate;
    private final List<String> sheets;

    private RowFile(Path file, String fileName, Format format, TextFiles.Source text, int sheet, long estimate) {
        this(file, fileName, format, text, sheet, estimate, List.of());
    }

    private RowFile(Path file, String fileName, Format format, TextFiles.Source text, int sheet, long estimate, List<String> sheets) {
        this.sheets = List.copyOf(sheets);
        this.file = file;
        this.fileName = fileName;
        this.format = format;
        this.text = text;
        this.sheet = sheet;
        this.estimate = estimate;
    }

    /** Opens {@code file} in any format, the first sheet of a workbook. */
    public static RowFile open(Path file) {
        return open(file, null, ANY);
    }

    /**
     * Opens {@code file} and checks what it is. {@code sheet}: a workbook's sheet by name or number
     * (1 = the first), null for the first sheet shown; {@code accepted}: the formats this import
     * reads. A {@code UserException} for a file that cannot be imported, saying why.
     */
    public static RowFile open(Path file, String sheet, Set<Format> accepted) {
        String fileName = file.toString();
        Content content = sniff(file, fileName);
        Format named = named(file);
        if (content == Content.OLE2) {
            throw new UserException(encrypted(file, fileName) ? "exchange.error.xlsxEncrypted" : "exchange.error.xlsOld", fileName);
        }
        TextFiles.Source text = null;
        Format format;
        if (content == Content.ZIP) {
            format = Format.XLSX;
        } else if (named == Format.XLSX) {
            throw new UserException("exchange.error.notXlsx", fileName);
        } else {
            text = TextFiles.scan(file);
            format = VcardRows.looksLikeVcard(text) ? Format.VCARD : Format.CSV;
        }
        if (named == Format.VCARD && format != Format.VCARD) {
            throw new UserException("exchange.error.notVcard", fileName);
        }
        if (named == Format.CSV && format != Format.CSV) {
            throw new UserException("exchange.error.misnamed", fileName, format.extension);
        }
        if (!accepted.contains(format)) {
            throw new UserException("exchange.error.vcardCustomersOnly", fileName);
        }
        if (sheet != null && !sheet.isBlank() && format != Format.XLSX) {
            throw new UserException("exchange.error.sheetNotXlsx", fileName);
        }
        return switch (format) {
            case CSV -> new RowFile(file, fileName, format, text, 0, Math.max(0, text.lines() - 1));
            case VCARD -> new RowFile(file, fileName, format, text, 0, VcardRows.count(text, fileName));
            case XLSX -> {
                XlsxRows.Sheets sheets = XlsxRows.sheets(file, fileName);
                int index = sheet == null || sheet.isBlank() ? sheets.firstVisible() : sheetIndex(sheets.names(), sheet.strip(), fileName);
                yield new RowFile(file, fileName, format, null, index, 0, sheets.names());
            }
        };
    }

    /**
     * The sheets after {@code sheet} that go on with its list: Excel holds at most 1,048,576 rows a
     * sheet, and Regulars' own export of a longer list (a million purchases) goes on in sheets
     * named as the first with " (2)", " (3)" and on, in that order, the name cut to Excel's 31
     * characters (as {@code TableExport} names them). Read with the first as one list
     * ({@link XlsxRows}) when their header is the same; empty when none follows.
     */
    static List<Integer> continuations(List<String> names, int sheet) {
        List<Integer> out = new java.util.ArrayList<>();
        String first = names.get(sheet);
        for (int i = sheet + 1, k = 2; i < names.size(); i++, k++) {
            String suffix = " (" + k + ")";
            int room = 31 - suffix.length();
            String expected = (first.length() > room ? first.substring(0, room) : first) + suffix;
            if (!names.get(i).equals(expected)) {
                break;
            }
            out.add(i);
        }
        return out;
    }

    /** A sheet by its name (exactly, then ignoring case), else by its number counted from 1. */
    private static int sheetIndex(List<String> names, String sheet, String fileName) {
        int exact = names.indexOf(sheet);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(sheet)) {
                return i;
            }
        }
        var number = XlsxRows.sheetNumber(sheet);
        if (number.isPresent() && number.get() >= 1 && number.get() <= names.size()) {
            return number.get() - 1;
        }
        throw new UserException("exchange.error.noSheet", fileName, sheet, String.join(", ", names));
    }

    public Format format() {
        return format;
    }

    public String fileName() {
        return fileName;
    }

    /** A workbook's sheets, by name in the workbook's order (empty for other formats). */
    public List<String> sheets() {
        return sheets;
    }

    /** The sheet read, counted from 0 in {@link #sheets()} (0 for other formats). */
    public int sheet() {
        return sheet;
    }

    /** The encoding the text was read in (a workbook's XML is UTF-8). */
    public Charset charset() {
        return text == null ? StandardCharsets.UTF_8 : text.charset();
    }

    /** Roughly how many data rows there are, for progress: 0 when unknown (a workbook). */
    public long estimatedRows() {
        return estimate;
    }

    /** What a row's place counts in: lines, Excel's rows, cards. */
    public RejectedRow.Unit unit() {
        return switch (format) {
            case CSV -> RejectedRow.Unit.LINE;
            case XLSX -> RejectedRow.Unit.ROW;
            case VCARD -> RejectedRow.Unit.CARD;
        };
    }

    /** A new pass over the rows, from the header; close it when done. */
    public RowReader rows() {
        return switch (format) {
            case CSV -> CsvRows.open(text, fileName);
            case XLSX -> XlsxRows.open(file, sheet, continuations(sheets, sheet), fileName);
            case VCARD -> VcardRows.open(text, fileName);
        };
    }

    private enum Content { ZIP, OLE2, OTHER }

    private static Content sniff(Path file, String fileName) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (NoSuchFileException e) {
            throw new UserException(e, "exchange.error.notFound", fileName);
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", fileName);
        }
        if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
            return Content.ZIP;
        }
        return startsWith(head, OLE2) ? Content.OLE2 : Content.OTHER;
    }

    /** The format a file's name promises, or null when its extension names none. */
    static Format named(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "xlsx", "xlsm" -> Format.XLSX;
            case "vcf", "vcard" -> Format.VCARD;
            case "csv", "txt" -> Format.CSV;
            default -> null;
        };
    }

    /** Whether an OLE2 file holds an encrypted Office document (its {@code EncryptedPackage} stream), read a buffer at a time. */
    private static boolean encrypted(Path file, String fileName) {
        byte[] buffer = new byte[64 * 1024];
        int keep = ENCRYPTED_PACKAGE.length - 1;
        try (InputStream in = Files.newInputStream(file)) {
            int filled = 0;
            for (int n = in.read(buffer, filled, buffer.length - filled); n >= 0; n = in.read(buffer, filled, buffer.length - filled)) {
                filled += n;
                if (indexOf(buffer, filled, ENCRYPTED_PACKAGE) >= 0) {
                    return true;
                }
                if (filled > keep) {
                    System.arraycopy(buffer, filled - keep, buffer, 0, keep);
                    filled = keep;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UserException(e, "exchange.error.read", fileName);
        }
    }

    private static int indexOf(byte[] bytes, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
