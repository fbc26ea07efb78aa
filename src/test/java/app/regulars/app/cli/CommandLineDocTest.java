package app.regulars.app.cli;

import app.regulars.i18n.Messages;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps {@code docs/command-line.md} true to the program: every command and subcommand of the
 * tree {@link RegularsCommand#create} returns has its usage text (as {@code regulars ... --help}
 * prints it, in English) in the doc, in a fenced block under a marker naming the command:
 *
 * <pre>
 * &lt;!-- usage: regulars import customers --&gt;
 * ```text
 * Usage: regulars import customers ...
 * ```
 * </pre>
 *
 * The test fails when a block is missing or differs, and when a block names a command that no
 * longer exists. Run it with {@code -Dregulars.docs.write=true} to rewrite the blocks instead
 * (see {@link #REGENERATE}); the prose between them is kept, a stale block is removed and a new
 * command gets a heading and its block after the section of the command before it.
 */
class CommandLineDocTest {
    static final String REGENERATE = "./mvnw test -Dtest=CommandLineDocTest -Dregulars.docs.write=true";
    static final String DOC_NAME = "docs/command-line.md";
    static final Path DOC = Path.of(System.getProperty("basedir", "")).resolve(DOC_NAME);
    static final Pattern MARKER = Pattern.compile("^<!--\\s*usage:\\s*(.+?)\\s*-->\\s*$");
    static final String FENCE = "```";

    /** One usage block of the doc: the marker's line, the closing fence's line and the text between the fences. */
    record Block(String command, int marker, int end, String text) {
    }

    @Test
    void theDocShowsTheUsageOfEveryCommand() throws IOException {
        Map<String, String> usages = usages();
        boolean write = Boolean.getBoolean("regulars.docs.write");
        List<String> lines = Files.exists(DOC)
                ? new ArrayList<>(Files.readString(DOC, StandardCharsets.UTF_8).lines().toList())
                : new ArrayList<>(List.of("# The command line", ""));
        if (write) {
            List<String> written = rewrite(lines, usages);
            if (!written.equals(lines) || !Files.exists(DOC)) {
                Files.createDirectories(DOC.getParent());
                Files.writeString(DOC, String.join("\n", written) + "\n", StandardCharsets.UTF_8);
                System.out.println("Rewrote the usage blocks of " + DOC_NAME);
            }
            lines = written;
        }
        List<String> problems = problems(blocks(lines), usages);
        if (!problems.isEmpty()) {
            fail(DOC_NAME + " does not match the command line:\n  - " + String.join("\n  - ", problems)
                    + "\nRegenerate its usage blocks (the prose between them is kept) with:\n  " + REGENERATE
                    + "\nthen write a sentence under any new command's heading and delete the prose of any removed one.");
        }
    }

    /** Every command's usage text by qualified name ({@code regulars import customers}), parents before children. */
    static Map<String, String> usages() {
        CommandLine root = RegularsCommand.create(new Messages(Messages.ENGLISH));
        Map<String, String> usages = new LinkedHashMap<>();
        walk(root, usages, Collections.newSetFromMap(new IdentityHashMap<>()));
        return usages;
    }

    private static void walk(CommandLine cl, Map<String, String> usages, Set<CommandLine> seen) {
        if (!seen.add(cl)) {
            return; // an alias of a command already walked
        }
        usages.put(cl.getCommandSpec().qualifiedName(" "), normalize(cl.getUsageMessage(CommandLine.Help.Ansi.OFF)));
        for (CommandLine sub : cl.getSubcommands().values()) {
            walk(sub, usages, seen);
        }
    }

    /** Line ends as \n, no trailing blanks (editors strip them from Markdown), no blank lines at the end. */
    static String normalize(String text) {
        return text.replace("\r\n", "\n").lines().map(String::stripTrailing)
                .reduce((a, b) -> a + "\n" + b).orElse("").stripTrailing();
    }

    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith(FENCE)) {
                throw new AssertionError(DOC_NAME + " line " + (i + 1) + ": the marker for `" + m.group(1)
                        + "` must be followed by a fenced block (```text)");
            }
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).strip().equals(FENCE)) {
                end++;
            }
            if (end == lines.size()) {
                throw new AssertionError(DOC_NAME + " line " + (i + 2) + ": the usage block of `" + m.group(1) + "` is not closed");
            }
            blocks.add(new Block(m.group(1), i, end, normalize(String.join("\n", lines.subList(i + 2, end)))));
            i = end;
        }
        return blocks;
    }

    static List<String> problems(List<Block> blocks, Map<String, String> usages) {
        List<String> problems = new ArrayList<>();
        Map<String, Block> byCommand = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (byCommand.putIfAbsent(b.command(), b) != null) {
                problems.add("`" + b.command() + "`: documented twice (line " + (b.marker() + 1) + ")");
            } else if (!usages.containsKey(b.command())) {
                problems.add("`" + b.command() + "`: documented (line " + (b.marker() + 1) + ") but there is no such command");
            }
        }
        usages.forEach((command, usage) -> {
            Block b = byCommand.get(command);
            if (b == null) {
                problems.add("`" + command + "`: its usage is missing");
            } else if (!b.text().equals(usage)) {
                problems.add("`" + command + "`: its usage differs (line " + (b.marker() + 1) + ")" + firstDifference(b.text(), usage));
            }
        });
        return problems;
    }

    private static String firstDifference(String doc, String program) {
        List<String> d = doc.lines().toList();
        List<String> p = program.lines().toList();
        for (int i = 0; i < Math.max(d.size(), p.size()); i++) {
            String a = i < d.size() ? d.get(i) : "(nothing)";
            String b = i < p.size() ? p.get(i) : "(nothing)";
            if (!a.equals(b)) {
                return ": the doc has \"" + a + "\" where the program prints \"" + b + "\"";
            }
        }
        return "";
    }

    /** The doc with every block set to the program's usage, stale blocks removed and missing ones added. */
    static List<String> rewrite(List<String> lines, Map<String, String> usages) {
        List<String> out = new ArrayList<>();
        List<Block> blocks = blocks(lines);
        int next = 0;
        for (Block b : blocks) {
            out.addAll(lines.subList(next, b.marker()));
            if (usages.containsKey(b.command()) && out.stream().noneMatch(l -> isMarkerOf(l, b.command()))) {
                out.addAll(block(b.command(), usages.get(b.command())));
            } else {
                System.out.println("Removed the usage block of `" + b.command() + "`: delete its heading and prose by hand.");
                if (!out.isEmpty() && out.getLast().isBlank() && b.end() + 1 < lines.size() && lines.get(b.end() + 1).isBlank()) {
                    out.removeLast();
                }
            }
            next = b.end() + 1;
        }
        out.addAll(lines.subList(next, lines.size()));

        String previous = null;
        for (String command : usages.keySet()) {
            if (out.stream().noneMatch(l -> isMarkerOf(l, command))) {
                int heading = out.indexOf(heading(command));
                if (heading >= 0) {
                    // a heading already written for it (its block was deleted): the block goes under it
                    int at = heading + 1 < out.size() && out.get(heading + 1).isBlank() ? heading + 2 : heading + 1;
                    List<String> section = new ArrayList<>(block(command, usages.get(command)));
                    if (!out.get(at - 1).isBlank()) {
                        section.addFirst("");
                    }
                    if (at < out.size() && !out.get(at).isBlank()) {
                        section.addLast("");
                    }
                    out.addAll(at, section);
                    previous = command;
                    continue;
                }
                int at = insertionPoint(out, previous);
                List<String> section = new ArrayList<>();
                if (at > 0 && !out.get(at - 1).isBlank()) {
                    section.add("");
                }
                section.add(heading(command));
                section.add("");
                section.addAll(block(command, usages.get(command)));
                section.add("");
                out.addAll(at, section);
                System.out.println("Added the usage of `" + command + "` under a new heading: write a sentence for it.");
            }
            previous = command;
        }
        while (!out.isEmpty() && out.getLast().isBlank()) {
            out.removeLast();
        }
        return out;
    }

    /** {@code ## `regulars import`}, {@code ### `regulars import customers`}, ... */
    private static String heading(String command) {
        return "#".repeat(Math.min(command.split(" ").length + 1, 4)) + " `" + command + "`";
    }

    private static boolean isMarkerOf(String line, String command) {
        Matcher m = MARKER.matcher(line);
        return m.matches() && m.group(1).equals(command);
    }

    /** Before the first heading after the block of {@code previous}, else at the end. */
    private static int insertionPoint(List<String> lines, String previous) {
        int i = 0;
        while (previous != null && i < lines.size() && !isMarkerOf(lines.get(i), previous)) {
            i++;
        }
        if (previous == null || i == lines.size()) {
            return lines.size();
        }
        i += 2;
        while (i < lines.size() && !lines.get(i).strip().equals(FENCE)) {
            i++;
        }
        while (i < lines.size() && !lines.get(i).startsWith("#")) {
            i++;
        }
        return i;
    }

    private static List<String> block(String command, String usage) {
        List<String> block = new ArrayList<>();
        block.add("<!-- usage: " + command + " -->");
        block.add(FENCE + "text");
        block.addAll(usage.lines().toList());
        block.add(FENCE);
        return block;
    }
}
