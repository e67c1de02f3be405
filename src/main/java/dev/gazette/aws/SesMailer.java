package dev.gazette.aws;

import static dev.gazette.aws.Table.key;
import static dev.gazette.aws.Table.s;
import static dev.gazette.aws.Table.string;

import dev.gazette.mail.Email;
import dev.gazette.mail.Mailer;
import dev.gazette.mail.MimeWriter;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends through Amazon SES v2, each message at most once. Before the call a send record is claimed with a
 * conditional write naming the attempt; after it, the record gets SES's message id. A retry finds the record: sent,
 * it skips the recipient; claimed by another attempt without a message id, that attempt may or may not have gone
 * out, and the recipient is reported as uncertain rather than mailed again. What provably did not reach SES (a
 * refused connection, throttling, a refusal for the whole account) lets the claim go, so a later attempt sends it;
 * a paused account or a used-up 24-hour quota holds the rest ({@link Mailer.Held}) rather than failing it.
 */
public final class SesMailer implements Mailer {
    /** Send records outlive every retry of a digest, then expire. */
    static final Duration KEEP_RECORDS = Duration.ofDays(90);
    /** What SES says, with a throttling error, when the account's 24-hour quota is used up. */
    private static final String DAILY_QUOTA = "Daily message quota exceeded";
    /** The send record's attribute naming the attempt that claimed it. */
    private static final String ATTEMPT = "attempt";

    private final SesV2Client ses;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String configurationSet;
    private final Clock clock;
    private final Pacer pacer;

    /**
     * @param configurationSet SES's configuration set, which routes bounces and complaints; empty for none
     * @param pacer            spaces the sends so the account's rate is never exceeded
     */
    public SesMailer(SesV2Client ses, DynamoDbClient dynamo, String table, String configurationSet, Clock clock,
                     Pacer pacer) {
        this.ses = ses;
        this.dynamo = dynamo;
        this.table = table;
        this.configurationSet = configurationSet;
        this.clock = clock;
        this.pacer = pacer;
    }

    /** SES stopped sending for the whole account: nothing more can go out until a person acts. */
    public static final class SendingStopped extends Mailer.Stopped {
        SendingStopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public Result send(Email email) throws IOException {
        Map<String, AttributeValue> key = key("SEND#" + email.campaign(), email.recipient());
        SendEmailRequest request;
        try {
            request = request(email, configurationSet);
        } catch (NotAnAddress e) {
            // No send could carry it, now or later.
            return Result.REJECTED;
        }
        // Marks this attempt's claim: a claim DynamoDB applied but answered with an error is found on the SDK's
        // retry, or on the next read, as this attempt's own rather than another sender's.
        String attempt = UUID.randomUUID().toString();
        for (int throttled = 0; ; ) {
            Map<String, AttributeValue> record = record(key);
            if (record == null && !email.to().equals(email.recipient())) {
                // Written before records were keyed by recipient: under the address as it was spelt then.
                record = record(key("SEND#" + email.campaign(), email.to()));
            }
            if (record != null && !attempt.equals(string(record, ATTEMPT))) {
                if (string(record, "messageId") != null) {
                    return Result.SENT_BEFORE;
                }
                return string(record, "rejected") != null ? Result.REJECTED : Result.UNCERTAIN;
            }
            if (record == null) {
                // Wait first, then claim and send at once: a sender stopped while it waits leaves no half-sent
                // message.
                pacer.await();
                if (!claim(key, attempt)) {
                    continue;
                }
            }
            try {
                return sendClaimed(request, key);
            } catch (TooManyRequestsException | LimitExceededException e) {
                // Not sent, and the claim let go before the wait, for the same reason.
                release(key);
                if (String.valueOf(e.getMessage()).contains(DAILY_QUOTA)) {
                    // No back-off frees the day's quota: the rest waits for the window to move on.
                    throw new Held(false, "SES's 24-hour quota is used up: " + e.getMessage(), e);
                }
                if (!pacer.backOff(++throttled)) {
                    throw new IOException("SES kept refusing the email to " + email.to() + " as too many: "
                            + e.getMessage(), e);
                }
            }
        }
    }

    private Map<String, AttributeValue> record(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** @throws TooManyRequestsException or {@link LimitExceededException} when SES did not send for the rate */
    private Result sendClaimed(SendEmailRequest request, Map<String, AttributeValue> key) throws IOException {
        String messageId;
        try {
            messageId = ses.sendEmail(request).messageId();
        } catch (TooManyRequestsException | LimitExceededException e) {
            throw e;
        } catch (SendingPausedException e) {
            release(key);
            throw new Held(true, "SES has paused sending for this account (SendingPausedException): "
                    + e.getMessage(), e);
        } catch (AccountSuspendedException | MailFromDomainNotVerifiedException | NotFoundException e) {
            release(key);
            throw new SendingStopped("SES cannot send for this account as configured ("
                    + e.awsErrorDetails().errorCode() + "): " + e.getMessage(), e);
        } catch (MessageRejectedException | BadRequestException e) {
            // This message, for good: kept in its record, so a retry of the batch does not try it again.
            dynamo.updateItem(update -> update.tableName(table).key(key).updateExpression("SET rejected = :why")
                    .expressionAttributeValues(Map.of(":why", s(e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage()))));
            return Result.REJECTED;
        } catch (SesV2Exception e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                // SES refused the message: it was not sent, so a later attempt may send it.
                release(key);
            }
            throw new IOException("SES did not send the email to " + request.destination().toAddresses() + ": "
                    + e.getMessage(), e);
        } catch (SdkClientException e) {
            if (neverSent(e)) {
                // No connection was made, so SES cannot have sent it: let it go, for the batch's retry to send.
                release(key);
                throw new IOException("SES could not be reached, nothing was sent to "
                        + request.destination().toAddresses() + ": " + e.getMessage(), e);
            }
            // No answer: SES may have sent it. The claim stays, so no retry sends it a second time.
            throw new IOException("no answer from SES: " + e.getMessage(), e);
        }
        dynamo.updateItem(update -> update.tableName(table).key(key)
                .updateExpression("SET messageId = :id, sent = :now")
                .expressionAttributeValues(Map.of(":id", s(messageId), ":now", s(clock.instant().toString()))));
        return Result.SENT;
    }

    /**
     * Whether the request provably never left: the connection was refused, or the host not found. Anything later
     * (a reset, a timeout while reading) may come after SES took the email.
     */
    private static boolean neverSent(SdkClientException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private boolean claim(Map<String, AttributeValue> key, String attempt) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("claimed", s(clock.instant().toString()));
        item.put(ATTEMPT, s(attempt));
        item.put(Table.EXPIRES, Table.n(clock.instant().plus(KEEP_RECORDS).getEpochSecond()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void release(Map<String, AttributeValue> key) {
        dynamo.deleteItem(request -> request.tableName(table).key(key));
    }

    /** The SES v2 request that sends one email: SES builds the MIME from it, headers and all. */
    public static SendEmailRequest request(Email email, String configurationSet) throws IOException {
        List<MessageHeader> headers = new ArrayList<>();
        email.headers().forEach((name, value) -> headers.add(MessageHeader.builder().name(name).value(value).build()));
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(ascii(email.from(), null))
                .destination(Destination.builder().toAddresses(ascii(email.to(), email.toName())).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(MimeWriter.headerText(email.subject())))
                        .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                        .headers(headers)
                        .build()).build())
                .emailTags(MessageTag.builder().name("campaign").value(tag(email.campaign())).build());
        if (!configurationSet.isEmpty()) {
            request.configurationSetName(configurationSet);
        }
        return request.build();
    }

    /** SES takes addresses in ASCII: a name outside it goes in RFC 2047 words, as in a message's headers. */
    private static String ascii(String address, String name) throws NotAnAddress {
        try {
            return MimeWriter.address(address, name).toString();
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new NotAnAddress("not an email address: " + address, e);
        }
    }

    /** The sender or the recipient of a message is not one email address. */
    public static final class NotAnAddress extends IOException {
        NotAnAddress(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Content utf8(String text) {
        return Content.builder().data(text).charset("UTF-8").build();
    }

    /** SES tag values take letters, digits, '_' and '-'. */
    private static String tag(String value) {
        return value.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
