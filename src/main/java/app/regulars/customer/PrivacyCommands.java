package app.regulars.customer;

import app.regulars.feature.CommandGroup;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.tables.TableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code customer export CODE --out FILE.json}, {@code customer erase CODE --yes}, {@code customer requests}: a customer's privacy requests. */
public final class PrivacyCommands {
    private PrivacyCommands() {
    }

    @Command(name = "customer", description = "One customer's privacy requests: a copy of their data, their erasure.",
            subcommands = {Export.class, Erase.class, Requests.class})
    static final class Group extends CommandGroup {
    }

    @Command(name = "export", description = "Write everything held about a customer (profile, consent history, contacts, "
            + "follow-ups, purchases, points, coupons, tier history, survey answers, what the insights make of them) to a "
            + "JSON file, or a readable PDF "
            + "when the file name ends in .pdf. The request is logged.")
    static final class Export extends FeatureCommand {
        @Parameters(paramLabel = "CODE", description = "The customer's card number.")
        String code;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The file to write (replaced if it exists).")
        Path out;

        @Option(names = "--paper", paramLabel = "A4|LETTER", description = "Paper size of a PDF (default: by the system's country).")
        String paper;

        @Override
        public Integer call() {
            Messages messages = messages();
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean pdf = name.endsWith(".pdf");
            if (!pdf && !name.endsWith(".json")) {
                err().println(messages.get("privacy.error.format", out.toString()));
                return FAILED;
            }
            TableLayout.Paper p = paper(paper);
            if (p == null) {
                return FAILED;
            }
            return withServices(services -> {
                PrivacyService privacy = services.get(PrivacyService.class);
                CustomerExport export = privacy.export(code, PrivacyRequest.Source.COMMAND_LINE, messages);
                if (pdf) {
                    privacy.writePdf(export, messages, p, out);
                } else {
                    privacy.writeJson(export, out);
                }
                PrintWriter stdout = out();
                stdout.println(messages.get("privacy.cli.exported", export.code(), out.toAbsolutePath().toString()));
                stdout.flush();
                return OK;
            });
        }
    }

    @Command(name = "erase", description = "Erase a customer's personal data for good: profile, phones, consent history, "
            + "contacts and follow-ups, survey comments, notes; mentions of them elsewhere are masked. Their purchases "
            + "stay as anonymous figures, so the shop's totals do not change. Backups made before keep the data until "
            + "rotation deletes them. The request is logged; the data file is compacted as the command ends.")
    static final class Erase extends FeatureCommand {
        @Parameters(paramLabel = "CODE", description = "The customer's card number.")
        String code;

        @Option(names = "--yes", description = "Erase: without it, nothing happens (erasing cannot be undone).")
        boolean yes;

        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                PrivacyService privacy = services.get(PrivacyService.class);
                if (!yes) {
                    Customer c = privacy.customer(code);
                    err().println(messages.get("privacy.error.noYes", c.name(), c.code()));
                    err().flush();
                    return FAILED;
                }
                PrivacyService.Erased erased = privacy.erase(code, PrivacyRequest.Source.COMMAND_LINE);
                PrintWriter stdout = out();
                stdout.println(messages.get("privacy.cli.erased", erased.code()));
                for (String line : erased.backups().lines(messages)) {
                    stdout.println(line);
                }
                stdout.flush();
                return OK;
            });
        }
    }

    @Command(name = "requests", description = "List the privacy requests carried out, newest first: date, kind, card number, where.")
    static final class Requests extends FeatureCommand {
        @Override
        public Integer call() {
            Messages messages = messages();
            Formats formats = new Formats(messages);
            return withServices(services -> {
                PrintWriter stdout = out();
                var requests = services.get(PrivacyService.class).requests();
                if (requests.isEmpty()) {
                    stdout.println(messages.get("privacy.cli.noRequests"));
                }
                for (PrivacyRequest r : requests) {
                    stdout.println(messages.get("privacy.cli.request", formats.dateTime(r.at()), messages.get(r.kind().key()),
                            r.customerCode(), messages.get(r.source().key())));
                }
                stdout.flush();
                return OK;
            });
        }
    }
}
