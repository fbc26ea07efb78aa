package app.regulars.insight;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The insights of every customer as a CSV file for scripts and spreadsheets: one row per
 * customer who is not archived, by code; metric columns empty for those without a purchase,
 * model columns empty where the model cannot be fitted. Numbers with a point, no grouping.
 */
final class CustomerInsightsCsv {
    static final List<String> HEADER = List.of("code", "name", "first_purchase", "last_purchase", "recency_days", "frequency",
            "monetary", "r", "f", "m", "segment", "lifecycle", "value_class", "p_alive", "expected_purchases", "expected_spend", "clv");

    private CustomerInsightsCsv() {
    }

    /** Writes the file (UTF-8 with a byte-order mark, as the other exports); returns how many customers. */
    static int write(InsightService insights, InsightSnapshot snapshot, OutputStream out) throws IOException {
        Map<Long, CustomerInsight> byId = new HashMap<>();
        snapshot.customers().forEach(c -> byId.put(c.customerId(), c));
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(HEADER);
        int[] n = {0};
        insights.forEachActiveCustomer((id, code, name) -> {
            csv.writeRecord(row(code, name, byId.get(id)));
            n[0]++;
        });
        csv.flush();
        writer.flush();
        return n[0];
    }

    static List<String> row(String code, String name, CustomerInsight c) {
        List<String> r = new ArrayList<>(HEADER.size());
        r.add(app.regulars.tables.SpreadsheetCells.neutralise(code));
        r.add(app.regulars.tables.SpreadsheetCells.neutralise(name)); // a name could start with = + - @
        if (c == null) {
            r.addAll(List.of("", "", "", "", "", "", "", "", "", Lifecycle.PROSPECT.code(), "", "", "", "", ""));
            return r;
        }
        CustomerMetrics m = c.metrics();
        r.add(m.firstDay().toString());
        r.add(m.lastDay().toString());
        r.add(String.valueOf(m.recencyDays()));
        r.add(String.valueOf(m.frequency()));
        r.add(m.monetary().toPlainString());
        r.add(String.valueOf(c.r()));
        r.add(String.valueOf(c.f()));
        r.add(String.valueOf(c.m()));
        r.add(c.segment().code());
        r.add(c.lifecycle().code());
        r.add(c.valueClass().code());
        Prediction p = c.prediction();
        r.add(p == null ? "" : fixed(p.pAlive(), 4));
        r.add(p == null ? "" : fixed(p.expectedPurchases(), 4));
        r.add(p == null ? "" : fixed(p.expectedSpend(), 2));
        r.add(p == null ? "" : fixed(p.clv(), 2));
        return r;
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
