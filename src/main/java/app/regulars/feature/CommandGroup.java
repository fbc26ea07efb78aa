package app.regulars.feature;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code import}, {@code export}, {@code tiers}, ...):
 * run without one, it prints which there are.
 */
public abstract class CommandGroup extends FeatureCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
