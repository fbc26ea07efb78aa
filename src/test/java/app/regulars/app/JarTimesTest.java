package app.regulars.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JarTimesTest {
    @TempDir
    Path dir;

    @Test
    void givesTheJarsOnTheClassPathTheCachesTimeOnce() throws Exception {
        Path a = Files.writeString(dir.resolve("regulars.jar"), "a");
        Path b = Files.writeString(Files.createDirectories(dir.resolve("lib")).resolve("h2.jar"), "b");
        FileTime time = FileTime.fromMillis(1_767_225_600_000L); // 2026-01-01T00:00:00Z, installer/Package.java

        List<Path> jars = JarTimes.classPathJars(a + File.pathSeparator + dir.resolve("classes") + File.pathSeparator + b);

        assertThat(jars).containsExactly(a, b);
        assertThat(JarTimes.restore(jars, time)).isEqualTo(2);
        assertThat(Files.getLastModifiedTime(a)).isEqualTo(time);
        assertThat(Files.getLastModifiedTime(b)).isEqualTo(time);
        assertThat(JarTimes.restore(jars, time)).isZero();
    }
}
