package dev.gazette.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.gazette.render.RenderedPost;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Atom 1.0 through Rome; entry ids are the permalinks, as the RSS guids are. */
final class AtomFormat implements FeedFormat {
    @Override
    public String fileName() {
        return "atom.xml";
    }

    @Override
    public String mediaType() {
        return "application/atom+xml";
    }

    @Override
    public String write(Feed feed) {
        com.rometools.rome.feed.atom.Feed atom = new com.rometools.rome.feed.atom.Feed("atom_1.0");
        atom.setId(feed.directory() + fileName());
        atom.setTitle(feed.title());
        atom.setSubtitle(text(feed.description()));
        atom.setLanguage(feed.language());
        atom.setUpdated(Date.from(feed.updated()));
        atom.setAlternateLinks(new ArrayList<>(List.of(link("alternate", feed.link(), "text/html"))));
        List<Link> links = new ArrayList<>(List.of(link("self", feed.directory() + fileName(), mediaType())));
        if (!feed.hub().isEmpty()) {
            links.add(link("hub", feed.hub(), null));
        }
        atom.setOtherLinks(links);
        Generator generator = new Generator();
        generator.setValue("Gazette");
        atom.setGenerator(generator);
        atom.setAuthors(people(List.of(feed.defaultAuthor())));
        List<Entry> entries = new ArrayList<>();
        for (RenderedPost post : feed.items()) {
            entries.add(entry(post));
        }
        atom.setEntries(entries);
        try {
            return new WireFeedOutput().outputString(atom, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome rejected the Atom feed " + feed.title() + ": " + e.getMessage(), e);
        }
    }

    private static Entry entry(RenderedPost post) {
        Entry entry = new Entry();
        entry.setId(post.url());
        entry.setTitle(post.title());
        entry.setAlternateLinks(new ArrayList<>(List.of(link("alternate", post.url(), "text/html"))));
        if (post.image() != null) {
            entry.setOtherLinks(new ArrayList<>(List.of(link("enclosure", post.image(), null))));
        }
        entry.setPublished(Date.from(post.date()));
        entry.setUpdated(Date.from(post.updated()));
        entry.setSummary(text(post.summary()));
        Content content = new Content();
        content.setType("html");
        content.setValue(post.html());
        entry.setContents(new ArrayList<>(List.of(content)));
        List<Category> categories = new ArrayList<>();
        for (String tag : post.tags()) {
            Category category = new Category();
            category.setTerm(tag);
            categories.add(category);
        }
        entry.setCategories(categories);
        if (!post.authors().isEmpty()) {
            entry.setAuthors(people(post.authors()));
        }
        return entry;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType("text");
        content.setValue(value);
        return content;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static List<SyndPerson> people(List<String> names) {
        List<SyndPerson> people = new ArrayList<>();
        for (String name : names) {
            Person person = new Person();
            person.setName(name);
            people.add(person);
        }
        return people;
    }
}
