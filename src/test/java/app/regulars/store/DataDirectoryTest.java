package app.regulars.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {
    @Test
    void linuxUsesXdgDataHomeOrLocalShare() {
        assertThat(DataDirectory.resolve(null, Map.of(), "Linux", "/home/mei")).isEqualTo(Path.of("/home/mei/.local/share/regulars"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/data/xdg"), "Linux", "/home/mei"))
                .isEqualTo(Path.of("/data/xdg/regulars"));
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative"), "Linux", "/home/mei"))
                .isEqualTo(Path.of("/home/mei/.local/share/regulars"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", "/Users/mei"))
                .isEqualTo(Path.of("/Users/mei/Library/Application Support/Regulars"));
    }

    @Test
    void windowsUsesAppDataOrRoamingUnderHome() {
        assertThat(DataDirectory.resolve(null, Map.of("APPDATA", "/c/Users/mei/AppData/Roaming"), "Windows 11", "/c/Users/mei"))
                .isEqualTo(Path.of("/c/Users/mei/AppData/Roaming/Regulars"));
        assertThat(DataDirectory.resolve(null, Map.of(), "Windows 10", "/c/Users/mei"))
                .isEqualTo(Path.of("/c/Users/mei/AppData/Roaming/Regulars"));
    }

    @Test
    void explicitFolderWinsOverEnvironmentWhichWinsOverPlatform() {
        Map<String, String> env = Map.of(DataDirectory.ENV, "/srv/shop", "XDG_DATA_HOME", "/data/xdg");
        assertThat(DataDirectory.resolve(Path.of("/tmp/../tmp/regulars-test"), env, "Linux", "/home/mei"))
                .isEqualTo(Path.of("/tmp/regulars-test"));
        assertThat(DataDirectory.resolve(null, env, "Windows 11", "/c/Users/mei")).isEqualTo(Path.of("/srv/shop"));
        assertThat(DataDirectory.resolve(null, Map.of(DataDirectory.ENV, "  "), "Linux", "/home/mei"))
                .isEqualTo(Path.of("/home/mei/.local/share/regulars"));
    }

    @Test
    void theCacheFolderIsThePlatformsOwnBesideTheData() {
        assertThat(DataDirectory.platformFolder(DataDirectory.Kind.CACHE, Map.of(), "Linux", "/home/li"))
                .isEqualTo(Path.of("/home/li/.cache/regulars"));
        assertThat(DataDirectory.platformFolder(DataDirectory.Kind.CACHE, Map.of("XDG_CACHE_HOME", "/var/cache/li", "XDG_DATA_HOME", "/data/xdg"), "Linux", "/home/li"))
                .as("the cache's own variable, not the data's").isEqualTo(Path.of("/var/cache/li/regulars"));
        assertThat(DataDirectory.platformFolder(DataDirectory.Kind.CACHE, Map.of("XDG_CACHE_HOME", "relative"), "Linux", "/home/li"))
                .as("XDG says a relative one is to be ignored").isEqualTo(Path.of("/home/li/.cache/regulars"));
        assertThat(DataDirectory.platformFolder(DataDirectory.Kind.CACHE, Map.of(), "Mac OS X", "/Users/li"))
                .isEqualTo(Path.of("/Users/li/Library/Caches/Regulars"));
        assertThat(DataDirectory.platformFolder(DataDirectory.Kind.CACHE, Map.of("LOCALAPPDATA", "/c/Users/li/AppData/Local"), "Windows 11", "/c/Users/li"))
                .isEqualTo(Path.of("/c/Users/li/AppData/Local/Regulars/Cache"));
        assertThat(DataDirectory.platformFolder(DataDirectory.Kind.CACHE, Map.of(), "Windows 10", "/c/Users/li"))
                .isEqualTo(Path.of("/c/Users/li/AppData/Local/Regulars/Cache"));
    }
}
