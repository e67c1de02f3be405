package dev.gazette.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.gazette.subscriber.Subscriber;
import dev.gazette.subscriber.SubscriberStore;
import dev.gazette.subscriber.Subscription;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The subscribers of a local site, as one JSON file in the state folder. Every change reads the file, changes
 * it and writes it whole under a lock, so {@code gazette serve} and the other commands can share it.
 */
public final class SubscriberFile implements SubscriberStore {
    private static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, new TypeAdapter<Instant>() {
                @Override
                public void write(JsonWriter out, Instant value) throws IOException {
                    out.value(value.toString());
                }

                @Override
                public Instant read(JsonReader in) throws IOException {
                    return Instant.parse(in.nextString());
                }
            }.nullSafe())
            .disableHtmlEscaping()
            .setPrettyPrinting()
            .create();

    private final Path file;
    private final Path lock;
    private final Clock clock;

    /** @param clock tells when a pending subscription has waited too long */
    public SubscriberFile(Path file, Clock clock) {
        this.file = file;
        this.lock = file.resolveSibling(file.getFileName() + ".lock");
        this.clock = clock;
    }

    private record Stored(int version, List<Subscription> subscribers) {
    }

    /** A change to the subscribers; the map is by address, and saved after. */
    @FunctionalInterface
    private interface Change<T> {
        T apply(Map<String, Subscription> subscribers) throws IOException;
    }

    private synchronized <T> T locked(boolean write, Change<T> change) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            Map<String, Subscription> subscribers = read();
            T result = change.apply(subscribers);
            if (write) {
                List<Subscription> all = new ArrayList<>(subscribers.values());
                AtomicFiles.write(file, GSON.toJson(new Stored(VERSION, all)).getBytes(StandardCharsets.UTF_8));
            }
            return result;
        }
    }

    private Map<String, Subscription> read() throws IOException {
        Map<String, Subscription> subscribers = new TreeMap<>();
        if (!Files.exists(file)) {
            return subscribers;
        }
        Stored stored;
        try {
            stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
        } catch (JsonParseException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); restore it from a backup", e);
        }
        if (stored == null || stored.version() != VERSION || stored.subscribers() == null) {
            throw new IOException(file + " is not a subscriber file of this version of Gazette");
        }
        for (Subscription subscription : stored.subscribers()) {
            if (subscription.status() != Subscription.Status.PENDING || subscription.hasLeft()
                    || subscription.forgettableAfter().isAfter(clock.instant())) {
                subscribers.put(key(subscription.email()), subscription);
            }
        }
        return subscribers;
    }

    /** Addresses that differ only in case are one subscriber: people type their address either way. */
    private static String key(String address) {
        return address.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Optional<Subscription> get(String address) throws IOException {
        return locked(false, subscribers -> Optional.ofNullable(subscribers.get(key(address))));
    }

    @Override
    public boolean create(Subscription subscription) throws IOException {
        return locked(true, subscribers -> subscribers.putIfAbsent(key(subscription.email()), subscription) == null);
    }

    @Override
    public void put(Subscription subscription) throws IOException {
        locked(true, subscribers -> subscribers.put(key(subscription.email()), subscription));
    }

    @Override
    public boolean update(Subscription read, Subscription next) throws IOException {
        Set<Subscription.Field> fields = read.changesTo(next);
        return locked(true, subscribers -> {
            Subscription stored = subscribers.get(key(read.email()));
            if (stored == null || !stored.unchangedSince(read, fields)) {
                return false;
            }
            subscribers.put(key(read.email()), stored.with(fields, next));
            return true;
        });
    }

    @Override
    public boolean claimConfirmation(String address, Instant now, Duration cooldown) throws IOException {
        return locked(true, subscribers -> {
            Subscription subscription = subscribers.get(key(address));
            if (subscription == null || subscription.confirmationSent() != null
                    && subscription.confirmationSent().isAfter(now.minus(cooldown))) {
                return false;
            }
            subscribers.put(key(address), confirmationSent(subscription, now));
            return true;
        });
    }

    @Override
    public void releaseConfirmation(String address, Instant claimed) throws IOException {
        locked(true, subscribers -> {
            Subscription subscription = subscribers.get(key(address));
            if (subscription != null && claimed.equals(subscription.confirmationSent())) {
                subscribers.put(key(address), confirmationSent(subscription, null));
            }
            return null;
        });
    }

    private static Subscription confirmationSent(Subscription subscription, Instant sent) {
        return new Subscription(subscription.email(), subscription.name(), subscription.status(),
                subscription.created(), subscription.changed(), sent, subscription.reason(), subscription.softBounces());
    }

    @Override
    public boolean remove(String address) throws IOException {
        return locked(true, subscribers -> subscribers.remove(key(address)) != null);
    }

    @Override
    public List<Subscription> all() throws IOException {
        return locked(false, subscribers -> List.copyOf(subscribers.values()));
    }

    @Override
    public Page confirmed(String cursor, int limit) throws IOException {
        return locked(false, subscribers -> {
            List<Subscriber> page = new ArrayList<>();
            String next = null;
            for (Subscription subscription : subscribers.values()) {
                if (subscription.status() != Subscription.Status.CONFIRMED
                        || cursor != null && key(subscription.email()).compareTo(cursor) <= 0) {
                    continue;
                }
                if (page.size() == limit) {
                    next = key(page.get(page.size() - 1).email());
                    break;
                }
                page.add(subscription.subscriber());
            }
            return new Page(page, next);
        });
    }

    @Override
    public Set<String> mailable(Collection<String> addresses) throws IOException {
        return locked(false, subscribers -> {
            Set<String> mailable = new HashSet<>();
            for (String address : addresses) {
                Subscription subscription = subscribers.get(key(address));
                if (subscription != null && subscription.status() == Subscription.Status.CONFIRMED) {
                    mailable.add(address);
                }
            }
            return mailable;
        });
    }
}
