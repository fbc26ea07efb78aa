package app.regulars.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder: being written. */
@Command(name = "export", description = "(being written)")
public final class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return RegularsCommand.FAILED;
    }
}
