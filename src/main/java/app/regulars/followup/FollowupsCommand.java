package app.regulars.followup;

import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;
import app.regulars.feature.CommandGroup;

import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code followups generate}: creates the automatic follow-ups from the settings (safe to run every day). */
@Command(name = "followups", description = "Work with follow-ups.", subcommands = FollowupsCommand.Generate.class)
public final class FollowupsCommand extends CommandGroup {
    @Command(name = "generate", description = "Create birthday and holiday greetings and contact-cadence check-ins "
            + "from the settings. Running it twice creates nothing twice.")
    static final class Generate extends FeatureCommand {
        @Override
        public Integer call() {
            Messages messages = messages();
            PrintWriter err = spec.commandLine().getErr();
            return withServices(services -> {
                AutoFollowUps.Result r = services.get(AutoFollowUps.class).generate(messages);
                PrintWriter out = spec.commandLine().getOut();
                out.println(messages.get("cli.followups.generated", r.total(), r.birthdays(), r.holidays(), r.checkIns()));
                out.flush();
                return OK;
            });
        }
    }
}
