package dev.gazette.local;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import dev.gazette.mail.MimeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * "Sends" mail by writing each message as an {@code .eml} file: {@code outbox/<campaign>/<recipient>.eml}. Any mail
 * program opens them. A message whose file exists was sent before and is not written again.
 */
public final class OutboxMailer implements Mailer {
    private final Path outbox;
    private final MimeWriter mime = new MimeWriter();

    public OutboxMailer(Path outbox) {
        this.outbox = outbox;
    }

    @Override
    public Result send(Email email) throws IOException {
        Path file = fileOf(email);
        if (Files.exists(file)) {
            return Result.SENT_BEFORE;
        }
        AtomicFiles.write(file, mime.write(email));
        return Result.SENT;
    }

    /** The file a message is written to. */
    public Path fileOf(Email email) {
        return folderOf(email.campaign()).resolve(fileName(email.to()));
    }

    /** The folder of one campaign, such as a digest. */
    public Path folderOf(String campaign) {
        return outbox.resolve(campaign.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The address itself where it is safe as a file name; else a safe form of it and a hash, so none collide. */
    private static String fileName(String address) {
        String safe = address.replaceAll("[^A-Za-z0-9@._+-]", "_");
        if (safe.equals(address) && !address.startsWith(".")) {
            return address + ".eml";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return safe.replaceFirst("^\\.", "_") + "-" + HexFormat.of().formatHex(hash, 0, 4) + ".eml";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
