package dev.gazette.aws;

import dev.gazette.doctor.Facts;
import dev.gazette.doctor.Observed;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.EventDestination;
import software.amazon.awssdk.services.sesv2.model.EventType;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads what the doctor judges from SES v2 and SQS: each answer mapped to {@link Facts}, each failure noted. */
public final class SendingSetup {
    private final SesV2Client ses;
    private final SqsClient sqs;

    public SendingSetup(SesV2Client ses, SqsClient sqs) {
        this.ses = ses;
        this.sqs = sqs;
    }

    public String region() {
        return ses.serviceClientConfiguration().region().id();
    }

    public Observed<Facts.Account> account() {
        try {
            GetAccountResponse account = ses.getAccount(request -> { });
            return Observed.of(new Facts.Account(Boolean.TRUE.equals(account.productionAccessEnabled()),
                    Boolean.TRUE.equals(account.sendingEnabled()), String.valueOf(account.enforcementStatus()),
                    account.sendQuota().max24HourSend(), account.sendQuota().maxSendRate(),
                    account.sendQuota().sentLast24Hours()));
        } catch (SdkException e) {
            return Observed.unknown("SES GetAccount: " + e.getMessage());
        }
    }

    public Observed<Facts.Identity> identity(String domain) {
        try {
            GetEmailIdentityResponse identity = ses.getEmailIdentity(request -> request.emailIdentity(domain));
            return Observed.of(new Facts.Identity(true, Boolean.TRUE.equals(identity.verifiedForSendingStatus()),
                    identity.dkimAttributes() == null ? "" : String.valueOf(identity.dkimAttributes().status()),
                    identity.dkimAttributes() == null ? List.of() : identity.dkimAttributes().tokens(),
                    identity.mailFromAttributes() == null || identity.mailFromAttributes().mailFromDomain() == null
                            ? "" : identity.mailFromAttributes().mailFromDomain(),
                    identity.mailFromAttributes() == null ? ""
                            : String.valueOf(identity.mailFromAttributes().mailFromDomainStatus())));
        } catch (NotFoundException e) {
            return Observed.of(Facts.Identity.missing());
        } catch (SdkException e) {
            return Observed.unknown("SES GetEmailIdentity: " + e.getMessage());
        }
    }

    public Observed<Facts.ConfigurationSet> configurationSet(String name) {
        try {
            GetConfigurationSetResponse set = ses.getConfigurationSet(request -> request.configurationSetName(name));
            boolean sending = set.sendingOptions() == null || !Boolean.FALSE.equals(set.sendingOptions().sendingEnabled());
            List<EventDestination> destinations = ses.getConfigurationSetEventDestinations(
                    request -> request.configurationSetName(name)).eventDestinations();
            boolean reports = destinations.stream().anyMatch(destination -> Boolean.TRUE.equals(destination.enabled())
                    && destination.matchingEventTypes().containsAll(List.of(EventType.BOUNCE, EventType.COMPLAINT)));
            return Observed.of(new Facts.ConfigurationSet(name, true, sending, reports));
        } catch (NotFoundException e) {
            return Observed.of(new Facts.ConfigurationSet(name, false, false, false));
        } catch (SdkException e) {
            return Observed.unknown("SES GetConfigurationSet: " + e.getMessage());
        }
    }

    /** Gazette's own pause of digest sending, as the senders read it from the stack's table. */
    public static Observed<Facts.StackPause> stackPause(DynamoDbClient dynamo, String table) {
        try {
            return Observed.of(new Facts.StackPause(table, new DynamoSendingPause(dynamo, table).current()));
        } catch (ResourceNotFoundException e) {
            return Observed.unknown("there is no DynamoDB table " + table + " in this region");
        } catch (SdkException e) {
            return Observed.unknown("DynamoDB GetItem on " + table + ": " + e.getMessage());
        }
    }

    /** Messages waiting in each queue, by the last part of its URL. */
    public Map<String, Observed<Integer>> waiting(List<String> queueUrls) {
        Map<String, Observed<Integer>> waiting = new TreeMap<>();
        for (String url : queueUrls) {
            String name = url.substring(url.lastIndexOf('/') + 1);
            try {
                String count = sqs.getQueueAttributes(request -> request.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                waiting.put(name, Observed.of(Integer.parseInt(count)));
            } catch (SdkException | NumberFormatException e) {
                waiting.put(name, Observed.unknown("SQS GetQueueAttributes: " + e.getMessage()));
            }
        }
        return waiting;
    }
}
