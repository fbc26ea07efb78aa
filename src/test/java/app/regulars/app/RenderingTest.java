package app.regulars.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Software rendering from the start only on Linux machines without a GPU. */
class RenderingTest {
    @TempDir
    Path dev;

    @Test
    void aLinuxMachineWithoutARenderNodeOrAnNvidiaDeviceDrawsInSoftware() throws Exception {
        assertThat(Rendering.softwareOnly("Linux", dev)).as("no /dev/dri").isTrue();
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/card0"));
        assertThat(Rendering.softwareOnly("Linux", dev)).as("a display card without a render node").isTrue();
        Files.createFile(dev.resolve("dri/renderD128"));
        assertThat(Rendering.softwareOnly("Linux", dev)).isFalse();
        Files.delete(dev.resolve("dri/renderD128"));
        Files.createFile(dev.resolve("nvidia0"));
        assertThat(Rendering.softwareOnly("Linux", dev)).isFalse();
    }

    @Test
    void otherSystemsKeepJavaFxsOwnChoice() {
        assertThat(Rendering.softwareOnly("Windows 11", dev)).isFalse();
        assertThat(Rendering.softwareOnly("Mac OS X", dev)).isFalse();
    }

    @Test
    void theSoftwarePipelineKeepsNoTextureOfDrawnBackgroundsUnlessAsked() {
        java.util.Properties none = new java.util.Properties();
        Rendering.software(none);
        assertThat(none).containsEntry("prism.order", "sw").containsEntry("prism.disableRegionCaching", "true");
        java.util.Properties asked = new java.util.Properties();
        asked.setProperty("prism.disableRegionCaching", "false");
        Rendering.software(asked);
        assertThat(asked).containsEntry("prism.order", "sw").containsEntry("prism.disableRegionCaching", "false");
    }

    @Test
    void theCLibrarysSetenvIsReachableOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(Rendering.setenv("REGULARS_RENDERING_TEST", "1")).isTrue();
        }
    }
}
