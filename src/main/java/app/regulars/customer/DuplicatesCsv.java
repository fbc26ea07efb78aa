package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.tables.AtomicFile;
import app.regulars.tables.SpreadsheetCells;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The likely duplicates as a CSV file: UTF-8 with a BOM (Excel shows Chinese right), CRLF, one pair
 * a row under the header {@code score,reasons,code_1,name_1,phones_1,code_2,name_2,phones_2};
 * the reasons in the user's language, phones in E.164 separated by {@code ;}, as the customer file.
 */
public final class DuplicatesCsv {
    public static final List<String> HEADER = List.of("score", "reasons", "code_1", "name_1", "phones_1", "code_2", "name_2", "phones_2");

    private DuplicatesCsv() {
    }

    /** Writes the pairs to {@code file} (whole or not at all); returns how many. */
    public static int write(List<DuplicatePair> pairs, Messages messages, Path file) {
        return AtomicFile.write(file, out -> {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
            csv.writeRecord(HEADER);
            for (DuplicatePair p : pairs) {
                csv.writeRecord(row(p, messages).stream().map(SpreadsheetCells::neutralise).toList());
            }
            csv.flush();
            writer.flush();
            return pairs.size();
        });
    }

    /** A pair's cells in the order of {@link #HEADER}. */
    public static List<String> row(DuplicatePair p, Messages messages) {
        return List.of(Integer.toString(p.score()), reasons(p, messages),
                p.a().code(), p.a().name(), String.join(";", p.a().phones()),
                p.b().code(), p.b().name(), String.join(";", p.b().phones()));
    }

    /** "Same phone · Same name" in the language of {@code messages}. */
    public static String reasons(DuplicatePair p, Messages messages) {
        return String.join(ConsentText.SEPARATOR, p.reasonsInOrder().stream().map(r -> messages.get(r.key())).toList());
    }
}
