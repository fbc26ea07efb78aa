package app.regulars.store;

import app.regulars.i18n.Messages;

import java.util.List;

/**
 * The export's {@value #NAME}: how its files are written and what each column means, in English and
 * then in Chinese whoever made it (so the same data always gives the same ZIP). The words come from
 * the bundles: {@code archive.readme.*}, and for each file {@code archive.file.FILE} and each column
 * {@code archive.column.FILE.COLUMN}, else {@code archive.column.COLUMN} (a column of the same name
 * and meaning in several files, such as {@code customer_id}).
 */
final class ArchiveReadme {
    static final String NAME = "README.txt";

    private ArchiveReadme() {
    }

    /** The README of an export of {@code tables}. */
    static String text(List<ArchiveTable> tables) {
        StringBuilder s = new StringBuilder();
        s.append(language(new Messages(Messages.ENGLISH), tables));
        s.append("\r\n\r\n");
        s.append(language(new Messages(Messages.CHINESE), tables));
        return s.toString().replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** The key that describes {@code column} of {@code file}: its own, else the one shared by files; null when neither exists. */
    static String columnKey(Messages messages, String file, String column) {
        String own = "archive.column." + file + "." + column;
        if (messages.has(own)) {
            return own;
        }
        String shared = "archive.column." + column;
        return messages.has(shared) ? shared : null;
    }

    private static String language(Messages m, List<ArchiveTable> tables) {
        StringBuilder s = new StringBuilder();
        String title = m.get("archive.readme.title");
        s.append(title).append('\n').append("=".repeat(Math.max(8, width(title)))).append("\n\n");
        s.append(m.get("archive.readme.intro")).append("\n\n");
        s.append(m.get("archive.readme.format")).append("\n\n");
        s.append(m.get("archive.readme.back")).append("\n\n");
        s.append(m.get("archive.readme.files")).append("\n\n");
        for (ArchiveTable t : tables) {
            String heading = t.fileName() + ": " + m.get("archive.file." + t.file());
            s.append(heading).append('\n').append("-".repeat(Math.max(8, Math.min(78, width(heading))))).append('\n');
            List<String> columns = t.columns();
            int pad = columns.stream().mapToInt(String::length).max().orElse(0) + 2;
            for (String c : columns) {
                String key = columnKey(m, t.file(), c);
                s.append("  ").append(c).append(" ".repeat(pad - c.length())).append(key == null ? "" : m.get(key));
                List<String> words = t.values().get(c);
                if (words != null) {
                    s.append(m.get("archive.readme.values", String.join(", ", words)));
                }
                s.append('\n');
            }
            s.append('\n');
        }
        return s.toString().stripTrailing();
    }

    /** Columns on a terminal: a Chinese character takes two. */
    private static int width(String text) {
        return text.codePoints().map(c -> Character.isIdeographic(c) || c >= 0xFF00 && c <= 0xFFEF || c >= 0x3000 && c <= 0x303F ? 2 : 1).sum();
    }
}
