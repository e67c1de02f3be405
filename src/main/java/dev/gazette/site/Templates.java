package dev.gazette.site;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mustache templates for pages and emails: the ones bundled in the jar, or the writer's own.
 * Each is compiled once, with the partials it includes. Templates whose name ends in {@code .txt.mustache} are
 * plain text and not HTML-escaped.
 */
public final class Templates {
    private static final String BUNDLED = "/dev/gazette/site/templates/";
    /**
     * How many partials one template may pull in, nested or side by side. Each is loaded once, when first met;
     * a template that includes itself, directly or through another, would otherwise load them without end.
     */
    static final int MAX_PARTIALS = 100;

    private final Path folder;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    private Templates(Path folder) {
        this.folder = folder;
    }

    /** The templates that ship with Gazette. */
    public static Templates bundled() {
        return new Templates(null);
    }

    /** The templates in {@code folder}; a template missing there is the bundled one. */
    public static Templates from(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("template folder " + folder + " does not exist");
        }
        return new Templates(folder);
    }

    /** @param name a template's file name without {@code .mustache}: {@code post.html} */
    public String render(String name, Object context) {
        try {
            return compiled.computeIfAbsent(name, this::compile).execute(context);
        } catch (MustacheException e) {
            throw new IllegalArgumentException("template " + name + ".mustache: " + e.getMessage(), e);
        }
    }

    private Template compile(String name) {
        String file = name + ".mustache";
        // A partial such as {{> subscribe.html}} is looked up as a template too, so a writer may replace it alone.
        AtomicInteger loaded = new AtomicInteger();
        Mustache.Compiler compiler = Mustache.compiler().defaultValue("").emptyStringIsFalse(true)
                .escapeHTML(!name.endsWith(".txt")).withLoader(partial -> {
                    if (loaded.incrementAndGet() > MAX_PARTIALS) {
                        throw new IllegalArgumentException("template " + file + " includes more than " + MAX_PARTIALS
                                + " partials: does " + partial + " include itself?");
                    }
                    return new StringReader(partial(file, partial));
                });
        try {
            return compiler.compile(source(file));
        } catch (MustacheException e) {
            throw new IllegalArgumentException("template " + file + " does not compile: " + e.getMessage(), e);
        }
    }

    private String partial(String file, String partial) {
        try {
            return source(partial + ".mustache");
        } catch (IllegalArgumentException missing) {
            throw new IllegalArgumentException("template " + file + " includes " + partial + ": "
                    + missing.getMessage(), missing);
        }
    }

    private String source(String file) {
        try {
            if (folder != null && Files.isRegularFile(folder.resolve(file))) {
                return Files.readString(folder.resolve(file));
            }
            try (InputStream in = Templates.class.getResourceAsStream(BUNDLED + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("no template named " + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }
}
