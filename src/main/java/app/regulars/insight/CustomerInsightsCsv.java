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
 * The insights of every customer as a CSV file for scripts and spreadsheets, or as an Excel
 * workbook with the same columns and typed cells (dates as dates, figures as numbers): one row per
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

    /** The same as an Excel workbook: one sheet, the header on its first row; returns how many customers. */
    static int writeXlsx(InsightService insights, InsightSnapshot snapshot, OutputStream out) throws IOException {
        Map<Long, CustomerInsight> byId = new HashMap<>();
        snapshot.customers().forEach(c -> byId.put(c.customerId(), c));
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "Regulars", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("insights");
        for (int c = 0; c < HEADER.size(); c++) {
            ws.value(0, c, HEADER.get(c));
            ws.style(0, c).bold().set();
        }
        ws.width(1, 16);
        ws.freezePane(0, 1);
        int[] n = {0};
        insights.forEachActiveCustomer((id, code, name) -> {
            int r = ++n[0];
            ws.value(r, 0, code);
            ws.value(r, 1, name);
            CustomerInsight c = byId.get(id);
            if (c == null) {
                ws.value(r, 11, Lifecycle.PROSPECT.code());
                return;
            }
            CustomerMetrics m = c.metrics();
            ws.value(r, 2, m.firstDay());
            ws.style(r, 2).format("yyyy-mm-dd").set();
            ws.value(r, 3, m.lastDay());
            ws.style(r, 3).format("yyyy-mm-dd").set();
            ws.value(r, 4, m.recencyDays());
            ws.value(r, 5, m.frequency());
            ws.value(r, 6, m.monetary());
            ws.value(r, 7, c.r());
            ws.value(r, 8, c.f());
            ws.value(r, 9, c.m());
            ws.value(r, 10, c.segment().code());
            ws.value(r, 11, c.lifecycle().code());
            ws.value(r, 12, c.valueClass().code());
            Prediction p = c.prediction();
            if (p != null) {
                ws.value(r, 13, new java.math.BigDecimal(fixed(p.pAlive(), 4)));
                ws.value(r, 14, new java.math.BigDecimal(fixed(p.expectedPurchases(), 4)));
                ws.value(r, 15, new java.math.BigDecimal(fixed(p.expectedSpend(), 2)));
                ws.value(r, 16, new java.math.BigDecimal(fixed(p.clv(), 2)));
            }
            if (r % 1000 == 0) {
                try {
                    ws.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        wb.finish();
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
