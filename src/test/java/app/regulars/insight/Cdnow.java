package app.regulars.insight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The CDNOW 1/10 sample (2,357 customers, first purchases in Q1 1997) from the test class
 * path, summed per customer and calendar day as {@code lifetimes} does.
 */
final class Cdnow {
    /** End of the papers' 39-week calibration period. */
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final String RESOURCE = "/datasets/CDNOW_sample.txt";

    private Cdnow() {
    }

    /** Spend per day per customer, keyed by the sample id (1..2357), in file order. */
    static Map<Integer, NavigableMap<LocalDate, BigDecimal>> dailySpend() {
        Map<Integer, NavigableMap<LocalDate, BigDecimal>> customers = new LinkedHashMap<>();
        try (InputStream in = Cdnow.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                int id = Integer.parseInt(f[1]);
                LocalDate day = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
                customers.computeIfAbsent(id, k -> new TreeMap<>()).merge(day, new BigDecimal(f[4]), BigDecimal::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return customers;
    }

    /** Every customer's history as of {@link #CALIBRATION_END}, in sample-id order. */
    static List<RepeatHistory> calibration() {
        List<RepeatHistory> histories = new ArrayList<>();
        for (NavigableMap<LocalDate, BigDecimal> days : dailySpend().values()) {
            histories.add(RepeatHistory.ofDailySpend(days, CALIBRATION_END));
        }
        return histories;
    }
}
