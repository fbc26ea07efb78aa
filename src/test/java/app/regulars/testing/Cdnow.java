package app.regulars.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CDNOW 1/10 sample (src/test/resources/datasets, see the README there) as the files a
 * shop would import: a customers CSV ({@code code,name}) and a purchases CSV
 * ({@code code,date,amount,note}), 2,357 customers and 6,919 purchases.
 */
public final class Cdnow {
    public static final String RESOURCE = "/datasets/CDNOW_sample.txt";

    private final String customers;
    private final String purchases;

    private Cdnow(String customers, String purchases) {
        this.customers = customers;
        this.purchases = purchases;
    }

    /** The sample: "id seq yyyymmdd count amount" per line. */
    public static Cdnow sample() {
        List<String> lines;
        try (InputStream in = Cdnow.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> ids = new LinkedHashSet<>();
        StringBuilder purchases = new StringBuilder("code,date,amount,note\n");
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            ids.add(f[0]);
            String d = f[2];
            purchases.append(f[0]).append(',').append(d, 0, 4).append('-').append(d, 4, 6).append('-').append(d, 6, 8)
                    .append(',').append(f[4]).append(',').append(f[3]).append(" CDs\n");
        }
        StringBuilder customers = new StringBuilder("code,name\n");
        for (String id : ids) {
            customers.append(id).append(",CDNOW customer ").append(id).append('\n');
        }
        return new Cdnow(customers.toString(), purchases.toString());
    }

    /**
     * Imports the sample into the store in {@code dir} as a shop would, through the command line
     * ({@code import customers}, then {@code import purchases}), from files written beside it.
     */
    public void importInto(java.nio.file.Path dir) throws IOException {
        java.nio.file.Path customerFile = dir.resolveSibling(dir.getFileName() + "-customers.csv");
        java.nio.file.Path purchaseFile = dir.resolveSibling(dir.getFileName() + "-purchases.csv");
        java.nio.file.Files.writeString(customerFile, customers);
        java.nio.file.Files.writeString(purchaseFile, purchases);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        org.assertj.core.api.Assertions.assertThat(Cli.run(dir, java.util.Locale.ENGLISH, out, err, "import", "customers", customerFile.toString()))
                .as(err.toString()).isZero();
        org.assertj.core.api.Assertions.assertThat(Cli.run(dir, java.util.Locale.ENGLISH, out, err, "import", "purchases", purchaseFile.toString()))
                .as(err.toString()).isZero();
    }

    public String customersCsv() {
        return customers;
    }

    public String purchasesCsv() {
        return purchases;
    }
}
