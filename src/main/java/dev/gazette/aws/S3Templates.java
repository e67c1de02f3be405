package dev.gazette.aws;

import dev.gazette.site.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The writer's templates, uploaded beside the posts under {@code _templates/} with the names {@code --templates}
 * takes ({@code _templates/post.html.mustache}). Never published: the Publish function leaves the prefix out. Each
 * lookup lists the prefix; the files are read again only when a key, its size or its ETag changed.
 */
public final class S3Templates {
    public static final String PREFIX = "_templates/";
    /** The most templates read, and the largest: a template is a page's frame, not its content. */
    static final int MAX_TEMPLATES = 100;
    static final long MAX_TEMPLATE_BYTES = 256 * 1024;
    private static final String EXTENSION = ".mustache";

    /** The templates to use, and each uploaded file left out, with its reason. */
    public record Loaded(Templates templates, List<String> problems) {
    }

    private final S3Client s3;
    private final String bucket;
    private String version;
    private Loaded loaded = new Loaded(Templates.bundled(), List.of());
    /** Where the templates in use were written: deleted once others replace them. */
    private Path folder;

    public S3Templates(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Whether a key of the posts bucket is a template rather than a post or a file of the site. */
    public static boolean isTemplate(String key) {
        return key.startsWith(PREFIX);
    }

    /** The templates as the bucket holds them now: the same instance as before when nothing changed. */
    public synchronized Loaded load() {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(PREFIX)).contents()
                .forEach(objects::add);
        String now = objects.stream().map(o -> o.key() + " " + o.size() + " " + o.eTag()).sorted().toList().toString();
        if (!now.equals(version)) {
            Path before = folder;
            folder = null;
            loaded = read(objects);
            version = now;
            if (before != null) {
                deleteFolder(before);
            }
        }
        return loaded;
    }

    private Loaded read(List<S3Object> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (S3Object object : objects) {
            String name = object.key().substring(PREFIX.length());
            if (!name.endsWith(EXTENSION) || name.contains("/") || name.startsWith(".")) {
                problems.add(object.key() + ": not a template: give it a name such as " + PREFIX + "post.html"
                        + EXTENSION + ", with no folder");
            } else if (object.size() > MAX_TEMPLATE_BYTES) {
                problems.add(object.key() + ": the template is " + object.size() + " bytes, more than the "
                        + MAX_TEMPLATE_BYTES + " a template may have");
            } else if (names.size() >= MAX_TEMPLATES) {
                problems.add(object.key() + ": more than " + MAX_TEMPLATES + " templates; this one is left out");
            } else {
                names.put(name, object.key());
            }
        }
        if (names.isEmpty()) {
            return new Loaded(Templates.bundled(), problems);
        }
        try {
            folder = Files.createTempDirectory("gazette-templates");
            for (Map.Entry<String, String> name : names.entrySet()) {
                try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(name.getValue()))) {
                    Files.write(folder.resolve(name.getKey()), in.readNBytes((int) MAX_TEMPLATE_BYTES + 1));
                }
            }
            return new Loaded(working(folder, names, problems), problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the templates of " + PREFIX + ": " + e.getMessage(), e);
        }
    }

    /**
     * The templates of the folder that compile, with the partials they include: one that does not is left out,
     * with its reason, and the bundled one takes its place, so one broken upload never stops the site.
     */
    private static Templates working(Path folder, Map<String, String> names, List<String> problems)
            throws IOException {
        while (true) {
            Templates templates = Templates.from(folder);
            String broken = null;
            for (String name : names.keySet()) {
                try {
                    templates.render(name.substring(0, name.length() - EXTENSION.length()), Map.of());
                } catch (RuntimeException e) {
                    broken = name;
                    problems.add(names.get(name) + ": left out, the bundled one is used: " + e.getMessage());
                    break;
                }
            }
            if (broken == null) {
                return templates;
            }
            Files.delete(folder.resolve(broken));
            names.remove(broken);
            if (names.isEmpty()) {
                return Templates.bundled();
            }
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the templates in " + folder + ": " + e.getMessage(), e);
        }
    }
}
