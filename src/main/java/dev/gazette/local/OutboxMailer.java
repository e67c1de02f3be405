package dev.gazette.local;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import dev.gazette.mail.MimeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "Sends" mail by writing each message as an {@code .eml} file: {@code outbox/<campaign>/<recipient>.eml}. Any mail
 * program opens them. A message whose file exists was sent before and is not written again.
 */
public final class OutboxMailer implements Mailer {
    /**
     * The longest address kept whole in a file name. An address may be 254 characters, and a file name only 255
     * bytes with the temporary file's suffix in them: a longer one is cut and told apart by a hash.
     */
    static final int READABLE_LENGTH = 100;

    private final Path outbox;
    private final MimeWriter mime = new MimeWriter();

    public OutboxMailer(Path outbox) {
        this.outbox = outbox;
    }

    @Override
    public Result send(Email email) throws IOException {
        Path file = fileOf(email);
        String legacy = legacyFileName(email.to());
        if (Files.isRegularFile(file)
                || !legacy.equals(file.getFileName().toString()) && Files.isRegularFile(file.resolveSibling(legacy))) {
            return Result.SENT_BEFORE;
        }
        byte[] message;
        try {
            message = mime.write(email);
        } catch (IllegalArgumentException notAnAddress) {
            return Result.REJECTED;
        }
        AtomicFiles.write(file, message);
        return Result.SENT;
    }

    /** The file a message is written to: one per campaign and recipient, whatever the case of the address. */
    public Path fileOf(Email email) {
        return folderOf(email.campaign()).resolve(fileName(email.recipient()));
    }

    /** The folder of one campaign, such as a digest. */
    public Path folderOf(String campaign) {
        return outbox.resolve(campaign.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * The recipient itself where it is safe and short enough as a file name; else a safe, shortened form of it and a
     * hash after an {@code =}, which no address written whole contains, so no two recipients share a file.
     */
    static String fileName(String recipient) {
        String safe = recipient.replaceAll("[^a-z0-9@._+-]", "_");
        if (safe.equals(recipient) && !recipient.startsWith(".") && recipient.length() <= READABLE_LENGTH) {
            return recipient + ".eml";
        }
        String readable = safe.substring(0, Math.min(safe.length(), READABLE_LENGTH)).replaceFirst("^\\.", "_");
        return readable + "=" + Email.hash(recipient) + ".eml";
    }

    /**
     * The name an outbox written before recipients were told apart by {@link Email#recipient} gave the address, so
     * a digest begun then is not sent again to those who had it.
     */
    private static String legacyFileName(String address) {
        String safe = address.replaceAll("[^A-Za-z0-9@._+-]", "_");
        if (safe.equals(address) && !address.startsWith(".")) {
            return address + ".eml";
        }
        return safe.replaceFirst("^\\.", "_") + "-" + Email.hash(address).substring(0, 8) + ".eml";
    }
}
