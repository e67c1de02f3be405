package dev.gazette.feed;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.gazette.render.RenderedPost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.ProcessingInstruction;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/** RSS 2.0 through Rome, with {@code content:encoded}, {@code dc:creator} and an {@code atom:link rel="self"}. */
final class RssFormat implements FeedFormat {
    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    private static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");

    /**
     * The page browsers show when they no longer apply XSLT (Chromium warns it will stop): CSS, which every browser
     * applies to XML. A data URL, so it needs no file of its own and no request to another origin.
     */
    private static final String PLAIN_STYLE = "data:text/css;base64,"
            + Base64.getEncoder().encodeToString(resource("feed.css"));

    @Override
    public String fileName() {
        return "feed.xml";
    }

    @Override
    public String mediaType() {
        return "application/rss+xml";
    }

    @Override
    public String write(Feed feed) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(feed.title());
        channel.setLink(feed.link());
        channel.setDescription(feed.description());
        channel.setLanguage(feed.language());
        channel.setGenerator("Gazette");
        if (!feed.items().isEmpty()) {
            channel.setLastBuildDate(Date.from(feed.updated()));
        }
        Element self = new Element("link", ATOM)
                .setAttribute("href", feed.directory() + fileName())
                .setAttribute("rel", "self")
                .setAttribute("type", mediaType());
        List<Element> links = new ArrayList<>(List.of(self));
        if (!feed.hub().isEmpty()) {
            links.add(new Element("link", ATOM).setAttribute("href", feed.hub()).setAttribute("rel", "hub"));
        }
        channel.setForeignMarkup(links);
        List<Item> items = new ArrayList<>();
        for (RenderedPost post : feed.items()) {
            items.add(item(post));
        }
        channel.setItems(items);
        try {
            Document document = new WireFeedOutput().outputJDom(channel);
            document.addContent(0, new ProcessingInstruction("xml-stylesheet",
                    "type=\"text/xsl\" href=\"" + relative(feed.directory(), feed.stylesheet()) + "\""));
            document.addContent(1, new ProcessingInstruction("xml-stylesheet",
                    "type=\"text/css\" href=\"" + PLAIN_STYLE + "\""));
            return new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(document);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome rejected the RSS feed " + feed.title() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A URL as seen from the feed's folder: {@code ../../feed.xsl} from {@code tags/rust/}. Browsers apply an XSL
     * stylesheet of the feed's own origin only, and a relative one is that, whatever origin the feed was opened from.
     */
    static String relative(String directory, String target) {
        URI from = URI.create(directory);
        URI to = URI.create(target);
        if (!Objects.equals(from.getScheme(), to.getScheme())
                || !Objects.equals(from.getRawAuthority(), to.getRawAuthority())) {
            return target;
        }
        List<String> folders = segments(from.getRawPath());
        List<String> path = segments(to.getRawPath());
        int shared = 0;
        while (shared < folders.size() && shared < path.size() - 1 && folders.get(shared).equals(path.get(shared))) {
            shared++;
        }
        return "../".repeat(folders.size() - shared) + String.join("/", path.subList(shared, path.size()));
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = RssFormat.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " is missing from the jar", e);
        }
    }

    private static Item item(RenderedPost post) {
        Item item = new Item();
        item.setTitle(post.title());
        item.setLink(post.url());
        Guid guid = new Guid();
        guid.setValue(post.url());
        guid.setPermaLink(true);
        item.setGuid(guid);
        item.setPubDate(Date.from(post.date()));
        Description description = new Description();
        description.setType("text/plain");
        description.setValue(post.summary());
        item.setDescription(description);
        Content content = new Content();
        content.setType(Content.HTML);
        content.setValue(post.html());
        item.setContent(content);
        List<Category> categories = new ArrayList<>();
        for (String tag : post.tags()) {
            Category category = new Category();
            category.setValue(tag);
            categories.add(category);
        }
        item.setCategories(categories);
        if (!post.authors().isEmpty()) {
            DCModule dc = new DCModuleImpl();
            dc.setCreators(post.authors());
            List<Module> modules = new ArrayList<>();
            modules.add(dc);
            item.setModules(modules);
        }
        if (post.image() != null) {
            Element media = new Element("content", MEDIA)
                    .setAttribute("url", post.image())
                    .setAttribute("medium", "image");
            item.setForeignMarkup(new ArrayList<>(List.of(media)));
        }
        return item;
    }
}
