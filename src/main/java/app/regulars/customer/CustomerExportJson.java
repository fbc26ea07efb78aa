package app.regulars.customer;

import app.regulars.tables.AtomicFile;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A customer's export as a JSON file (UTF-8, indented), for the customer to read or take to
 * another service (GDPR article 20): {@code format} and {@code version} first, when it was made,
 * then one member per section ({@code customer}, {@code consentHistory}, {@code contacts}, ...):
 * an object for a single record, an array of objects for the others. Dates are ISO 8601
 * ({@code 2026-11-23}, {@code 2026-11-23T10:00:00}), money a decimal number, a value that people
 * read in words is its code ({@code "SMS"}).
 */
public final class CustomerExportJson {
    public static final String FORMAT = "regulars-customer-export";
    public static final int VERSION = 1;

    private CustomerExportJson() {
    }

    /** Writes {@code export} to {@code file}, whole or not at all. */
    public static void write(CustomerExport export, Path file) {
        AtomicFile.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text(export));
            w.flush();
            return null;
        });
    }

    /** The file's text. */
    public static String text(CustomerExport export) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        member(sb, 1, "format", FORMAT, false);
        member(sb, 1, "version", VERSION, false);
        member(sb, 1, "exportedAt", export.exportedAt(), export.sections().isEmpty());
        for (int s = 0; s < export.sections().size(); s++) {
            DataSection section = export.sections().get(s);
            boolean last = s == export.sections().size() - 1;
            indent(sb, 1).append(quote(section.key())).append(": ");
            if (section.single()) {
                object(sb, 1, section.fields(), section.rows().getFirst());
            } else if (section.rows().isEmpty()) {
                sb.append("[]");
            } else {
                sb.append("[\n");
                for (int r = 0; r < section.rows().size(); r++) {
                    indent(sb, 2);
                    object(sb, 2, section.fields(), section.rows().get(r));
                    sb.append(r == section.rows().size() - 1 ? "\n" : ",\n");
                }
                indent(sb, 1).append(']');
            }
            sb.append(last ? "\n" : ",\n");
        }
        return sb.append("}\n").toString();
    }

    private static void object(StringBuilder sb, int depth, List<DataSection.Field> fields, List<Object> values) {
        sb.append("{\n");
        for (int i = 0; i < fields.size(); i++) {
            member(sb, depth + 1, fields.get(i).key(), values.get(i), i == fields.size() - 1);
        }
        indent(sb, depth).append('}');
    }

    private static void member(StringBuilder sb, int depth, String key, Object value, boolean last) {
        indent(sb, depth).append(quote(key)).append(": ");
        value(sb, value);
        sb.append(last ? "\n" : ",\n");
    }

    private static void value(StringBuilder sb, Object value) {
        switch (value) {
            case null -> sb.append("null");
            case DataSection.Shown s -> value(sb, s.value());
            case Boolean b -> sb.append(b);
            case BigDecimal d -> sb.append(d.toPlainString());
            case Number n -> sb.append(n);
            case LocalDate d -> sb.append(quote(d.toString()));
            case LocalDateTime t -> sb.append(quote(t.toString()));
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    value(sb, list.get(i));
                }
                sb.append(']');
            }
            default -> sb.append(quote(value.toString()));
        }
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        return sb.append("  ".repeat(depth));
    }

    /** A JSON string: quotes, backslashes and control characters escaped; everything else as it is (UTF-8). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
