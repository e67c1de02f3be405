package dev.gazette.preview;

import dev.gazette.digest.DigestComposer;
import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import dev.gazette.publish.Catalog;
import dev.gazette.publish.DigestSender;
import dev.gazette.publish.Digests;
import dev.gazette.publish.Mailing;
import dev.gazette.render.RenderedPost;
import dev.gazette.subscriber.Subscriber;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The digest the next run would mail, as the sample reader would get it: made by the test send of the digest use
 * case, whose email is kept here instead of mailed. It leaves every post as due as it was.
 *
 * @param due   whether its posts are due; else nothing is, and it shows the newest post, as a test send does
 * @param posts its posts, by permalink and title
 */
record NextDigest(Email email, boolean due, List<Listed> posts) {
    static final Subscriber SAMPLE = new Subscriber("reader@example.com", "Sample Reader");

    record Listed(String url, String title) {
    }

    /**
     * Empty when the site has no post at all.
     *
     * @param catalog the catalog as the build just left it: read once per save, for the build and this alike
     */
    static Optional<NextDigest> of(Catalog catalog, DigestComposer composer, Instant now) throws IOException {
        List<Email> kept = new ArrayList<>();
        Mailer keeper = email -> {
            kept.add(email);
            return Mailer.Result.SENT;
        };
        Optional<Digests.Tested> tested = Digests.sendTest(catalog, SAMPLE,
                () -> new DigestSender(composer, keeper), now);
        if (tested.isEmpty() || kept.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> titles = catalog.index().stream()
                .collect(Collectors.toMap(RenderedPost::url, RenderedPost::title, (a, b) -> a));
        List<String> ids = tested.get().digest().postIds();
        boolean due = ids.stream().allMatch(id -> catalog.mailing(id).map(Mailing::state)
                .filter(Mailing.State.DUE::equals).isPresent());
        List<Listed> posts = ids.stream().map(id -> new Listed(id, titles.getOrDefault(id, id))).toList();
        return Optional.of(new NextDigest(kept.get(0), due, posts));
    }

    /** What tells this digest from another, for the page that shows it. */
    String fingerprint() {
        return email.subject() + "\n" + email.html() + "\n" + email.text() + "\n" + due;
    }
}
