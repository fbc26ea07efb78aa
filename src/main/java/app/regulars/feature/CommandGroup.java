package app.regulars.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A top-level command that only groups subcommands ({@code import}, {@code export},
 * {@code tiers}, ...): run without one, it prints which there are. Subcommands reach the
 * shared options through {@link #root}.
 */
abstract class CommandGroup implements Callable<Integer> {
    @ParentCommand
    RegularsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
