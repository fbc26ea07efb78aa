package app.regulars.app.cli;

import app.regulars.followup.AutoFollowUps;
import app.regulars.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code followups generate}: creates the automatic follow-ups from the settings (safe to run every day). */
@Command(name = "followups", description = "Work with follow-ups.", subcommands = FollowupsCommand.Generate.class)
public final class FollowupsCommand extends CommandGroup {
    @Command(name = "generate", description = "Create birthday and holiday greetings and contact-cadence check-ins "
            + "from the settings. Running it twice creates nothing twice.")
    static final class Generate implements Callable<Integer> {
        @ParentCommand
        FollowupsCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RegularsCommand root = parent.root;
            Messages messages = root.messages();
            PrintWriter err = spec.commandLine().getErr();
            return root.withContext(err, ctx -> {
                AutoFollowUps.Result r = ctx.autoFollowUps().generate(messages);
                PrintWriter out = spec.commandLine().getOut();
                out.println(messages.get("cli.followups.generated", r.total(), r.birthdays(), r.holidays(), r.checkIns()));
                if (!r.tiersUsed()) {
                    out.println(messages.get("cli.followups.tiersMissing"));
                }
                out.flush();
                return RegularsCommand.OK;
            });
        }
    }
}
