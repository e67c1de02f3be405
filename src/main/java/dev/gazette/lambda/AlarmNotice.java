package dev.gazette.lambda;

import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * A CloudWatch alarm's notification, as the alert topic delivers it to a function: the alarms on SES's bounce and
 * complaint rates going into alarm pause the sending of digests.
 */
final class AlarmNotice {
    /** The metrics whose alarms pause sending: past them, SES reviews the account and may pause it itself. */
    private static final Set<String> PAUSING = Set.of("Reputation.BounceRate", "Reputation.ComplaintRate");

    private AlarmNotice() {
    }

    /**
     * Why sending pauses for this notification: the alarm, its metric and CloudWatch's reason; empty when it is
     * another alarm, an alarm back to OK, or not an alarm at all.
     */
    static Optional<String> pauseReason(SnsMessage message) {
        JsonObject alarm;
        try {
            alarm = message.json();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String metric = Events.text(Events.object(alarm, "Trigger"), "MetricName");
        if (!"ALARM".equals(Events.text(alarm, "NewStateValue")) || !PAUSING.contains(metric)) {
            return Optional.empty();
        }
        return Optional.of(Events.text(alarm, "AlarmName") + " (" + metric + "): "
                + Events.text(alarm, "NewStateReason"));
    }
}
