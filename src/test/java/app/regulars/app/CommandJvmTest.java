package app.regulars.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command started as {@code java -jar regulars.jar COMMAND} (here: the class path, no JVM
 * options) runs in a second JVM with the command options, whose exit code and output are the
 * command's (decision 0047).
 */
class CommandJvmTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run regulars(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // The tests' logback-test.xml logs warnings only: this one shows the JVM line of the command, on the standard output.
        Path logging = dir.resolve("logback.xml");
        Files.writeString(logging, """
                <configuration>
                    <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%msg%n</pattern></encoder></appender>
                    <logger name="app.regulars.app.Regulars" level="INFO"/>
                    <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        command.add("-Dlogback.configurationFile=" + logging);
        command.addAll(List.of("-Duser.language=en", "-Dstdout.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Regulars.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aCommandRunsWithTheCommandOptionsAndGivesBackItsExitCode() throws Exception {
        Path data = dir.resolve("shop");
        Run demo = regulars(List.of(), "--data-dir", data.toString(), "demo", "--customers", "20");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("20 sample customers saved");
        assertThat(demo.out()).containsPattern("demo in a JVM with a heap of at most 3\\d\\d MB, \\[G1 ");

        Run again = regulars(List.of(), "--data-dir", data.toString(), "demo", "--customers", "20");
        assertThat(again.exit()).as("a demo refused in a store with customers: the second JVM's exit code").isEqualTo(1);
        assertThat(again.err()).contains("already has 20 customers");
    }

    @Test
    void aHeapLimitOfTheCallersKeepsTheCommandInItsJvm() throws Exception {
        Path data = dir.resolve("own");
        Run find = regulars(List.of("-Xmx200m", "-XX:+UseSerialGC"), "--data-dir", data.toString(), "find", "wxm");
        assertThat(find.exit()).as(find.err()).isZero();
        assertThat(find.out()).containsPattern("find in a JVM with a heap of at most 1\\d\\d MB, \\[Copy, MarkSweepCompact\\]");
    }
}
