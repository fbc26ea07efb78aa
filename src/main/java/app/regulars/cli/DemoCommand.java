package app.regulars.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder: being written. */
@Command(name = "demo", description = "(being written)")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return RegularsCommand.FAILED;
    }
}
