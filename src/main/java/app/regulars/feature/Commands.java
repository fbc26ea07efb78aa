package app.regulars.feature;

import java.util.List;

/**
 * A feature's part of the command line: commands of their own ({@code regulars tiers ...}),
 * and what it adds under {@code regulars import} and {@code regulars export}. Each entry is a
 * picocli command class (or object).
 */
public record Commands(List<Object> top, List<Object> imports, List<Object> exports) {
    public static final Commands NONE = new Commands(List.of(), List.of(), List.of());

    public Commands {
        top = List.copyOf(top);
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
    }
}
