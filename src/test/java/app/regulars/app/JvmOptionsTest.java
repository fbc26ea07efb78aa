package app.regulars.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's JVM options come from one file, and java -jar starts the window in a JVM that has them. */
class JvmOptionsTest {
    @Test
    void theOptionsFileSetsAHeapLimitAndLeavesOutComments() {
        List<String> options = JvmOptions.load();
        assertThat(options).anyMatch(o -> o.matches("-Xmx\\d+[mg]"));
        assertThat(options).noneMatch(o -> o.isBlank() || o.startsWith("#"));
    }

    @Test
    void onlyTheWindowIsStartedAgainAndOnlyWithoutAHeapLimitOfItsOwn() {
        assertThat(Regulars.opensWindow(new String[0])).isTrue();
        assertThat(Regulars.opensWindow(new String[] {"--data-dir", "/tmp/shop"})).isTrue();
        assertThat(Regulars.opensWindow(new String[] {"--data-dir=/tmp/shop"})).isTrue();
        assertThat(Regulars.opensWindow(new String[] {"--data-dir", "/tmp/shop", "find", "wxm"})).isFalse();
        assertThat(Regulars.opensWindow(new String[] {"demo", "--customers", "300"})).isFalse();
        assertThat(Regulars.opensWindow(new String[] {"--help"})).isFalse();

        assertThat(JvmOptions.relaunchWanted(List.of("-Dfile.encoding=UTF-8"))).isTrue();
        assertThat(JvmOptions.relaunchWanted(List.of("-Xmx1g"))).as("whoever started it chose a heap").isFalse();
        assertThat(JvmOptions.relaunchWanted(List.of("-D" + JvmOptions.MARK + "=true"))).as("already started with them").isFalse();
    }

    @Test
    void aCommandRunsInAJvmWithTheCommandOptions() {
        List<String> options = JvmOptions.loadCommand();
        assertThat(options).anyMatch(o -> o.matches("-Xmx\\d+[mg]")).contains("-XX:+UseG1GC")
                .noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.isBlank() || o.startsWith("#"));

        assertThat(JvmOptions.commandRelaunchWanted(List.of("-Dfile.encoding=UTF-8"), false)).as("java -jar").isTrue();
        assertThat(JvmOptions.commandRelaunchWanted(List.of("-Xmx2g"), false)).as("whoever started it chose a heap").isFalse();
        List<String> launchers = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djdk.nio.maxCachedBufferSize=262144",
                "-D" + JvmOptions.MARK + "=true", "-XX:AOTCache=/opt/regulars/lib/app/regulars.aot");
        assertThat(JvmOptions.commandRelaunchWanted(launchers, true)).as("the installed app's launcher: the window's options").isTrue();
        assertThat(JvmOptions.commandRelaunchWanted(List.of("-D" + JvmOptions.COMMAND_MARK + "=true"), false)).as("already started with them").isFalse();

        assertThat(JvmOptions.callersOwn(launchers, true)).as("the launcher's heap, collector, compiler and cache stay behind").isEmpty();
        assertThat(JvmOptions.callersOwn(List.of("-Duser.language=zh", "-Xss2m"), false)).containsExactly("-Duser.language=zh", "-Xss2m");

        List<String> command = JvmOptions.commandCommand(List.of("-Xmx320m", "-XX:+UseG1GC"), List.of("-XX:SharedArchiveFile=c.jsa"),
                List.of("-Duser.language=zh"), "regulars.jar", new String[] {"--data-dir", "/tmp/shop", "demo"});
        assertThat(command.getFirst()).endsWith("java");
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx320m", "-XX:+UseG1GC", "-XX:SharedArchiveFile=c.jsa", "-Duser.language=zh",
                "-D" + JvmOptions.COMMAND_MARK + "=true", "-cp", "regulars.jar", Regulars.class.getName(), "--data-dir", "/tmp/shop", "demo");
    }

    @Test
    void aCommandsJvmKeepsAClassDataArchiveOfItsOwnWithoutTheWindowsMark(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path window = JvmOptions.classDataArchive("/opt/regulars/regulars.jar");
        java.nio.file.Path command = JvmOptions.commandDataArchive("/opt/regulars/regulars.jar");
        assertThat(command.getParent()).isEqualTo(window.getParent());
        assertThat(command.getFileName().toString()).startsWith("regulars-command-").isNotEqualTo(window.getFileName().toString())
                .endsWith(window.getFileName().toString().substring("regulars-".length()));
        java.nio.file.Path archive = dir.resolve("regulars-command-1-a.jsa");
        java.nio.file.Path jar = dir.resolve("regulars.jar");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> java.nio.file.Files.writeString(jar, "a jar"));
        assertThat(JvmOptions.commandDataSharing(archive, jar.toString())).containsExactly("-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off,cds+dynamic=off");
        assertThat(JvmOptions.commandDataSharing(archive, jar + java.io.File.pathSeparator + dir))
                .as("a folder on the class path (the tests', mvn javafx:run): the JVM would fail to write the archive").isEmpty();
    }

    @Test
    void onlyACommandToRunStartsASecondJvm() {
        assertThat(Regulars.namesCommand(new String[] {"demo", "--customers", "300"})).isTrue();
        assertThat(Regulars.namesCommand(new String[] {"--data-dir", "/tmp/shop", "import", "customers", "a.csv"})).isTrue();
        assertThat(Regulars.namesCommand(new String[] {"--db-url=postgresql://shop/regulars", "--user", "anna", "find", "wxm"})).isTrue();
        assertThat(Regulars.namesCommand(new String[] {"import", "customers", "--help"})).as("its help").isFalse();
        assertThat(Regulars.namesCommand(new String[] {"--version"})).isFalse();
        assertThat(Regulars.namesCommand(new String[] {"--data-dir", "demo"})).as("a folder named demo: the window").isFalse();
        assertThat(Regulars.namesCommand(new String[] {"--db-url", "postgresql://shop/regulars"})).as("the window on a shared store").isFalse();
        assertThat(Regulars.namesCommand(new String[0])).isFalse();
    }

    @Test
    void theSecondJvmGetsTheOptionsThenTheCallersOwnThenTheProgramsArguments() {
        List<String> command = JvmOptions.command(List.of("-Xmx256m", "-XX:+UseG1GC"), List.of("-Dregulars.milestones=true"),
                "regulars.jar", new String[] {"--data-dir", "/tmp/shop"});
        assertThat(command.getFirst()).endsWith("java");
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx256m", "-XX:+UseG1GC", "-Dregulars.milestones=true",
                "-D" + JvmOptions.MARK + "=true", "-cp", "regulars.jar", Regulars.class.getName(), "--data-dir", "/tmp/shop");
    }

    @Test
    void theSecondJvmKeepsItsClassDataArchiveInTheUsersCacheFolderBeforeTheCallersOwnOptions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path archive = dir.resolve("cache").resolve("regulars").resolve("regulars-1-b.jsa");
        java.nio.file.Path earlier = archive.resolveSibling("regulars-1-a.jsa");
        java.nio.file.Path otherCopy = archive.resolveSibling("regulars-2-a.jsa");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> {
            java.nio.file.Files.createDirectories(archive.getParent());
            java.nio.file.Files.writeString(earlier, "the archive of the jar before the update");
            java.nio.file.Files.writeString(otherCopy, "another copy's");
        });
        List<String> sharing = JvmOptions.classDataSharing(archive);
        assertThat(sharing).containsExactly("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off,cds+dynamic=off",
                "-Dregulars.archiveShown=" + archive.resolveSibling("regulars-1-b.jsa.shown"));
        assertThat(archive.getParent()).as("its folder is made").isDirectory();
        assertThat(earlier).as("the earlier jar's archive is deleted").doesNotExist();
        assertThat(otherCopy).as("another copy of the program keeps its own").exists();
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> java.nio.file.Files.writeString(archive, "made"));
        sharing = JvmOptions.classDataSharing(archive);
        assertThat(sharing).as("made already: nothing to tell").containsExactly("-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off,cds+dynamic=off");
        List<String> command = JvmOptions.command(List.of("-Xmx256m"), sharing, List.of("-XX:SharedArchiveFile=/elsewhere.jsa"),
                "regulars.jar", new String[0]);
        assertThat(command.subList(1, 6)).as("the caller's own come later and win").containsExactly("-Xmx256m",
                "-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off,cds+dynamic=off",
                "-XX:SharedArchiveFile=/elsewhere.jsa");

        java.nio.file.Path file = dir.resolve("a-file");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> java.nio.file.Files.writeString(file, "not a folder"));
        assertThat(JvmOptions.classDataSharing(file.resolve("regulars-1.jsa"))).as("no folder for it: started as before").isEmpty();

        assertThat(JvmOptions.classDataArchive("/opt/a/regulars.jar")).as("one per copy of the program")
                .isNotEqualTo(JvmOptions.classDataArchive("/opt/b/regulars.jar"));
        java.nio.file.Path jar = dir.resolve("regulars.jar");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> {
            java.nio.file.Files.writeString(jar, "a jar");
            java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        });
        java.nio.file.Path before = JvmOptions.classDataArchive(jar.toString());
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() ->
                java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_060_000L)));
        java.nio.file.Path after = JvmOptions.classDataArchive(jar.toString());
        assertThat(after).as("an updated jar gets a new archive").isNotEqualTo(before);
        String family = before.getFileName().toString().substring(0, before.getFileName().toString().lastIndexOf('-') + 1);
        assertThat(after.getFileName().toString()).as("of the same class path: the earlier one is deleted").startsWith(family);
    }

    @Test
    void anArchiveMadeByAWindowThatEndedBeforeItsListIsMadeAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path archive = dir.resolve("regulars-1-b.jsa");
        java.nio.file.Path mark = JvmOptions.shownMark(archive);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> java.nio.file.Files.writeString(archive, "a third of the classes"));
        JvmOptions.markShown(mark, false); // the window ended on its first screen
        JvmOptions.keepArchiveIfShown(archive);
        assertThat(archive).as("deleted: the next start makes it again").doesNotExist();

        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> java.nio.file.Files.writeString(archive, "every class of a start"));
        JvmOptions.markShown(mark, true); // the list's first rows were on screen
        assertThat(mark).exists();
        JvmOptions.keepArchiveIfShown(archive);
        assertThat(archive).as("kept").exists();
        assertThat(mark).as("the mark is gone either way").doesNotExist();
        assertThat(JvmOptions.classDataSharing(archive)).as("the next start maps it and makes nothing")
                .noneMatch(o -> o.startsWith("-Dregulars.archiveShown"));
    }

    @Test
    void theSecondJvmHasTwoMallocArenasUnlessTheCallerChoseANumber() {
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("LANG", "zh_CN.UTF-8"));
        JvmOptions.environment(env);
        assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("LANG", "zh_CN.UTF-8");
        java.util.Map<String, String> chosen = new java.util.HashMap<>(java.util.Map.of("MALLOC_ARENA_MAX", "4"));
        JvmOptions.environment(chosen);
        assertThat(chosen).containsEntry("MALLOC_ARENA_MAX", "4");
    }
}
