package app.regulars.bench;

import app.regulars.testing.FaultSoak;
import app.regulars.testing.ImportFuzz;
import net.jqwik.api.Arbitrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * The fault tests of issue 15 at full size, printing their figures as they go:
 * {@code ./mvnw -Pfaults verify [-Dfaults.kills=1000 -Dfaults.reopens=10000 -Dfaults.fuzz=100000]}
 * (a count of 0 skips that test). Exits with 1 when any figure that must be 0 is not.
 */
public final class FaultBench {
    private FaultBench() {
    }

    public static void main(String[] args) throws Exception {
        int kills = 1_000;
        int reopens = 10_000;
        int fuzz = 100_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[i + 1]);
                case "--reopens" -> reopens = Integer.parseInt(args[i + 1]);
                case "--fuzz" -> fuzz = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        boolean ok = true;
        Path root = Files.createTempDirectory("regulars-faults");
        System.out.println("fault tests in " + root);
        if (fuzz > 0) {
            long t0 = System.nanoTime();
            try (ImportFuzz f = new ImportFuzz(root.resolve("fuzz"))) {
                Arbitrary<ImportFuzz.Input> inputs = ImportFuzz.inputs();
                Iterator<ImportFuzz.Input> it = inputs.sampleStream().iterator();
                for (int n = 1; n <= fuzz; n++) {
                    ImportFuzz.Input input = it.next();
                    String problem = f.check(input);
                    if (problem != null) {
                        System.out.println("  " + problem);
                    }
                    if (n % 5_000 == 0 || n == fuzz) {
                        System.out.printf(Locale.ROOT, "importer fuzzing: %s (%.0f s)%n", f.figures, (System.nanoTime() - t0) / 1e9);
                    }
                }
                ok &= f.figures.uncaught == 0 && f.figures.partial == 0;
            }
        }
        if (reopens > 0) {
            FaultSoak.ReopenFigures r = FaultSoak.reopen(root.resolve("reopen"), reopens, System.out::println);
            System.out.println("reopen soak: " + r);
            ok &= r.corruptReopens() == 0;
        }
        if (kills > 0) {
            FaultSoak.KillFigures k = FaultSoak.kill(root.resolve("kill"), kills, 2026L, 2_000, System.out::println);
            k.problems.forEach(p -> System.out.println("  " + p));
            System.out.println("kill soak: " + k);
            ok &= k.lost == 0 && k.failedOpens == 0;
        }
        System.out.println(ok ? "fault tests: all figures that must be 0 are 0" : "fault tests: FAILED");
        System.exit(ok ? 0 : 1);
    }
}
