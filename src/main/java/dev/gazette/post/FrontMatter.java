package dev.gazette.post;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** The front matter block of a post: YAML between {@code ---} lines or TOML between {@code +++} lines. */
final class FrontMatter {
    /** How deep lists and tables may sit inside each other: SnakeYAML builds them by recursion, and overflows. */
    static final int MAX_DEPTH = 32;
    /** How many aliases of lists and tables the front matter may hold: SnakeYAML's own limit, 50. */
    static final int MAX_ALIASES = 50;

    /** YAML 1.2's core schema, which reads {@code ~} as null as the YAML libraries of Jekyll and Hugo do. */
    private static final LoadSettings YAML = LoadSettings.builder().setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES).setSchema(new CoreSchema()).build();
    private static final TomlParseOptions TOML = TomlParseOptions.defaults().withMaxNestingDepth(MAX_DEPTH);

    private final String source;
    private final Map<String, Object> fields;
    private final List<String> lines;
    private final String body;
    private final int bodyLine;

    private FrontMatter(String source, Map<String, Object> fields, List<String> lines, String body, int bodyLine) {
        this.source = source;
        this.fields = fields;
        this.lines = lines;
        this.body = body;
        this.bodyLine = bodyLine;
    }

    static FrontMatter read(String source, String text) throws PostException {
        List<String> fileLines = text.lines().toList();
        if (fileLines.isEmpty()) {
            throw new PostException(source, 0, "the file is empty; a post starts with front matter between '---' lines");
        }
        String fence = fileLines.get(0).strip();
        if (!fence.equals("---") && !fence.equals("+++")) {
            throw new PostException(source, 1,
                    "no front matter: a post starts with a '---' line (YAML) or a '+++' line (TOML)");
        }
        int close = 1;
        while (close < fileLines.size() && !fileLines.get(close).strip().equals(fence)) {
            close++;
        }
        if (close == fileLines.size()) {
            throw new PostException(source, 1, "the front matter opened with '" + fence + "' on line 1 is never closed");
        }
        List<String> lines = fileLines.subList(1, close);
        String block = String.join("\n", lines);
        Map<String, Object> fields = fence.equals("---") ? yaml(source, block) : toml(source, block);
        String body = String.join("\n", fileLines.subList(close + 1, fileLines.size()));
        return new FrontMatter(source, fields, lines, body, close + 2);
    }

    private static Map<String, Object> yaml(String source, String block) throws PostException {
        Object parsed;
        try {
            checkDepth(source, block);
            parsed = new Load(YAML).loadFromString(block);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 2).orElse(0);
            throw new PostException(source, line, "invalid YAML front matter: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new PostException(source, 0, "invalid YAML front matter: " + firstLine(e.getMessage()));
        }
        if (parsed == null) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new PostException(source, 2, "front matter must be a set of 'key: value' lines");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        return fields;
    }

    /**
     * Refuses YAML nested deeper than {@link #MAX_DEPTH}, or with more than {@link #MAX_ALIASES} aliases of lists
     * and tables (each may copy a whole table: a few lines would make billions of values), before it is built. The
     * event parser keeps its own stack, so counting its events is safe whatever the depth, and stops at the first
     * event too many, whose line it names.
     */
    private static void checkDepth(String source, String block) throws PostException {
        ParserImpl events = new ParserImpl(YAML, new StreamReader(YAML, block));
        Set<Anchor> collections = new HashSet<>();
        int aliases = 0;
        int depth = -1; // the front matter's own 'key: value' lines are not nested in anything
        while (events.hasNext()) {
            Event event = events.next();
            if (event instanceof CollectionStartEvent start) {
                start.getAnchor().ifPresent(collections::add);
            } else if (event instanceof ScalarEvent scalar) {
                scalar.getAnchor().ifPresent(collections::remove); // an anchor named again, now on one value
            }
            if (event instanceof AliasEvent alias && collections.contains(alias.getAlias()) && ++aliases > MAX_ALIASES) {
                throw new PostException(source, lineOf(event), "front matter repeats lists or tables through aliases"
                        + " (*name) more than " + MAX_ALIASES + " times; write them out");
            }
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> depth++;
                case SequenceEnd, MappingEnd -> depth--;
                default -> {
                    continue;
                }
            }
            if (depth > MAX_DEPTH) {
                throw new PostException(source, lineOf(event), "front matter nested more than " + MAX_DEPTH
                        + " levels deep (lists or tables inside each other); flatten it");
            }
        }
    }

    /** The file line of a front matter event: the block starts on line 2. */
    private static int lineOf(Event event) {
        return event.getStartMark().map(mark -> mark.getLine() + 2).orElse(1);
    }

    private static Map<String, Object> toml(String source, String block) throws PostException {
        TomlParseResult parsed = Toml.parse(block, TOML);
        if (parsed.hasErrors()) {
            TomlParseError error = parsed.errors().get(0);
            throw new PostException(source, error.position().line() + 1,
                    "invalid TOML front matter: " + firstLine(error.getMessage()));
        }
        return plain(parsed);
    }

    /** A TOML table as plain maps and lists, as the YAML parser gives them. */
    private static Map<String, Object> plain(TomlTable table) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            fields.put(key, plain(table.get(List.of(key))));
        }
        return fields;
    }

    private static Object plain(Object value) {
        if (value instanceof TomlTable table) {
            return plain(table);
        }
        if (value instanceof TomlArray array) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                items.add(plain(array.get(i)));
            }
            return items;
        }
        return value;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message).strip();
    }

    /** The value of the first of {@code keys} present, or null. */
    Object get(String... keys) {
        for (String key : keys) {
            Object value = fields.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The first of {@code keys} present, for messages. */
    String keyOf(String... keys) {
        for (String key : keys) {
            if (fields.get(key) != null) {
                return key;
            }
        }
        return keys[0];
    }

    /** The file line on which {@code key} is set, or the opening fence's line when it cannot be told. */
    int lineOf(String key) {
        Pattern assignment = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*[:=]");
        for (int i = 0; i < lines.size(); i++) {
            if (assignment.matcher(lines.get(i)).find()) {
                return i + 2;
            }
        }
        return 1;
    }

    PostException error(String key, String reason) {
        return new PostException(source, lineOf(key), reason);
    }

    String source() {
        return source;
    }

    String body() {
        return body;
    }

    /** The file line the body starts on. */
    int bodyLine() {
        return bodyLine;
    }
}
