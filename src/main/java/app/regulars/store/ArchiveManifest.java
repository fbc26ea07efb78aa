package app.regulars.store;

import app.regulars.i18n.UserException;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What an export holds, in {@value #NAME} inside its ZIP: the format and its version, the schema
 * version of the store it was made from, each file with its table, rows and SHA-256 (in the order
 * an import loads them: a table after those its rows refer to), and the next value of each counter
 * (the next card number). No date: the same data always gives the same bytes.
 *
 * @param formatVersion the version of the ZIP's layout ({@value #FORMAT_VERSION} for this one)
 * @param schemaVersion the newest migration of the store it was made from ({@code 10} for V010__...)
 * @param files         the files, in load order
 * @param sequences     each counter's next value, by its name in lower case
 */
public record ArchiveManifest(int formatVersion, String schemaVersion, List<File> files, Map<String, Long> sequences) {
    /** The manifest's name in the ZIP. */
    public static final String NAME = "manifest.properties";
    /** What {@code format=} says in every export Regulars makes. */
    static final String FORMAT = "regulars-export";
    /** The version of the ZIP's layout this Regulars writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern FILE_PATTERN = Pattern.compile("[a-z][a-z0-9_]*\\.csv");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");

    /** One file: its name in the ZIP, its table, how many rows and the SHA-256 of its bytes. */
    public record File(String name, String table, long rows, String sha256) {
        /** The name without {@code .csv}. */
        public String stem() {
            return name.substring(0, name.length() - ".csv".length());
        }
    }

    public ArchiveManifest {
        files = List.copyOf(files);
        sequences = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sequences));
    }

    /** How many rows the file {@code stem}{@code .csv} holds (0 when there is none). */
    public long rows(String stem) {
        return files.stream().filter(f -> f.stem().equals(stem)).mapToLong(File::rows).sum();
    }

    /** Every row of every file. */
    public long totalRows() {
        return files.stream().mapToLong(File::rows).sum();
    }

    /** The manifest's text: written by hand (Properties would add the date), ASCII only. */
    String text() {
        StringBuilder s = new StringBuilder();
        s.append("# Regulars export: what this ZIP holds. \"import all\" checks every file against it.\r\n");
        s.append("format=").append(FORMAT).append("\r\n");
        s.append("format-version=").append(formatVersion).append("\r\n");
        s.append("schema-version=").append(schemaVersion).append("\r\n");
        s.append("files=").append(String.join(",", files.stream().map(File::name).toList())).append("\r\n");
        for (File f : files) {
            String key = "file." + f.name();
            s.append(key).append(".table=").append(f.table()).append("\r\n");
            s.append(key).append(".rows=").append(f.rows()).append("\r\n");
            s.append(key).append(".sha256=").append(f.sha256()).append("\r\n");
        }
        sequences.forEach((name, next) -> s.append("sequence.").append(name).append('=').append(next).append("\r\n"));
        return s.toString();
    }

    /**
     * The manifest of the export {@code zip}, checked: a {@code UserException} when the file is not a
     * ZIP, not an export of Regulars, made by a newer Regulars, or names a file it does not hold.
     */
    public static ArchiveManifest read(Path zip) {
        if (!java.nio.file.Files.isRegularFile(zip)) {
            throw new UserException("exchange.error.notFound", zip.toString());
        }
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            return read(file, zip);
        } catch (IOException e) {
            throw new UserException(e, "archive.error.notZip", zip.toString());
        }
    }

    static ArchiveManifest read(ZipFile zip, Path path) throws IOException {
        ZipEntry entry = zip.getEntry(NAME);
        if (entry == null) {
            throw new UserException("archive.error.notOurs", path.toString());
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(entry)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new UserException(e, "archive.error.damaged", path.toString(), NAME);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new UserException("archive.error.notOurs", path.toString());
        }
        int format;
        BigInteger schema;
        try {
            format = Integer.parseInt(p.getProperty("format-version", "").strip());
            schema = new BigInteger(p.getProperty("schema-version", "").strip());
        } catch (NumberFormatException e) {
            throw new UserException(e, "archive.error.damaged", path.toString(), NAME);
        }
        BigInteger newest = Database.newestMigration(ArchiveManifest.class.getClassLoader());
        if (format > FORMAT_VERSION || newest != null && schema.compareTo(newest) > 0) {
            throw new UserException("archive.error.newer", path.toString());
        }
        if (format < 1 || schema.signum() <= 0) {
            throw new UserException("archive.error.damaged", path.toString(), NAME);
        }
        List<File> files = new ArrayList<>();
        String list = p.getProperty("files", "").strip();
        for (String name : list.isEmpty() ? new String[0] : list.split(",")) {
            String key = "file." + name;
            String table = p.getProperty(key + ".table", "");
            String sha = p.getProperty(key + ".sha256", "");
            long rows;
            try {
                rows = Long.parseLong(p.getProperty(key + ".rows", "").strip());
            } catch (NumberFormatException e) {
                throw new UserException(e, "archive.error.damaged", path.toString(), NAME);
            }
            if (!FILE_PATTERN.matcher(name).matches() || !NAME_PATTERN.matcher(table).matches() || !SHA.matcher(sha).matches() || rows < 0
                    || files.stream().anyMatch(f -> f.name().equals(name) || f.table().equals(table))) {
                throw new UserException("archive.error.damaged", path.toString(), NAME);
            }
            if (zip.getEntry(name) == null) {
                throw new UserException("archive.error.damaged", path.toString(), name);
            }
            files.add(new File(name, table, rows, sha));
        }
        if (files.isEmpty()) {
            throw new UserException("archive.error.damaged", path.toString(), NAME);
        }
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("sequence.")) {
                String name = key.substring("sequence.".length());
                try {
                    long next = Long.parseLong(p.getProperty(key).strip());
                    if (!NAME_PATTERN.matcher(name).matches()) {
                        throw new NumberFormatException(name);
                    }
                    sequences.put(name, next);
                } catch (NumberFormatException e) {
                    throw new UserException(e, "archive.error.damaged", path.toString(), NAME);
                }
            }
        }
        return new ArchiveManifest(format, schema.toString(), files, sequences);
    }
}
