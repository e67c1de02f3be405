package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.gazette.aws.SesFaults;
import dev.gazette.aws.Table;
import dev.gazette.web.Client;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** {@code template.yaml} against the code it deploys: handlers, environment variables, permissions, table. */
class TemplateTest {
    private static final List<String> INTRINSICS = List.of("Ref", "Sub", "GetAtt", "If", "Not", "Equals", "Join",
            "Select", "Split", "FindInMap", "And", "Or", "Condition", "ImportValue", "Base64", "GetAZs");

    /** The settings each function cannot run without, beyond those every function gets. */
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "PublishFunction", Set.of(Config.POSTS_BUCKET, Config.SITE_BUCKET, Config.QUEUE_URL,
                    Config.DISTRIBUTION_ID),
            "DigestFunction", Set.of(Config.QUEUE_URL, Config.UNSUBSCRIBE_SECRET),
            "SendFunction", Set.of(Config.MAX_SEND_RATE, Config.SENDER_CONCURRENCY, Config.UNSUBSCRIBE_SECRET,
                    Config.QUEUE_URL, Config.ALERT_TOPIC, Config.DIGEST_RATE_SHARE),
            "SubscriptionFunction", Set.of(Config.UNSUBSCRIBE_SECRET, Config.SUBSCRIBE_LIMIT, Config.CAPTCHA,
                    Config.CAPTCHA_SITE_KEY, Config.CAPTCHA_SECRET, Config.POSTS_BUCKET),
            "BounceFunction", Set.of());

    private final Map<String, Object> template = load();

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    private Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        Map<String, Map<String, Object>> resources = at(template, "Resources");
        resources.forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                functions.put(name, resource);
            }
        });
        return functions;
    }

    @Test
    void everyHandlerIsAClassInTheJarThatLambdaCanStart() throws Exception {
        assertEquals(NEEDS.keySet(), functions().keySet());
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            String handler = at(function.getValue(), "Properties", "Handler");
            assertTrue(handler.endsWith("::handleRequest"), handler);
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type), handler);
            type.getConstructor();
        }
    }

    @Test
    void everyVariableIsOneTheCodeReadsAndEachFunctionHasWhatItNeeds() {
        Map<String, Object> global = at(template, "Globals", "Function", "Environment", "Variables");
        assertTrue(global.keySet().containsAll(Set.of(Config.SITE_URL, Config.TABLE, Config.FROM)),
                global.keySet().toString());
        assertTrue(!global.containsKey(Config.UNSUBSCRIBE_SECRET), "the secret goes only where links are signed");
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Set<String> variables = new TreeSet<>(global.keySet());
            Map<String, Object> environment = at(function.getValue(), "Properties", "Environment");
            if (environment != null) {
                Map<String, Object> own = at(environment, "Variables");
                variables.addAll(own.keySet());
            }
            assertTrue(Config.VARIABLES.containsAll(variables), function.getKey() + " sets variables the code"
                    + " never reads: " + variables);
            assertTrue(variables.containsAll(NEEDS.get(function.getKey())), function.getKey() + " lacks some of "
                    + NEEDS.get(function.getKey()));
        }
    }

    /**
     * The actions, by function, that it makes in AWS but cannot make on the emulators, each with the reason in a
     * comment: granted without a call to show for them. None today; keep it that short.
     */
    private static final Map<String, Set<String>> UNSEEN = Map.of();

    @Test
    void eachFunctionIsGrantedEveryCallItMakesAndNothingItDoesNot() throws IOException {
        AwsCalls.clear();
        CloudFrontStandIn.start();
        Map<String, String> names;
        try (Stack stack = new Stack()) {
            stack.env.put(Config.CONFIGURATION_SET, stack.name + "-digest");
            stack.env.put(Config.DISTRIBUTION_ID, "E2EXAMPLE51Z");
            callEveryFunction(stack);
            names = Map.of("AWS::StackName", stack.name, "Table", stack.table, "SiteBucket", stack.siteBucket,
                    "PostsBucket", stack.postsBucket, "DigestQueue", stack.queue.url(),
                    "ConfigurationSet", stack.env.get(Config.CONFIGURATION_SET),
                    "SenderAddress", stack.env.get(Config.FROM), "Distribution", "E2EXAMPLE51Z");
        }
        CloudFrontStandIn.take();
        Arns arns = new Arns(names);
        Map<String, Set<AwsCalls.Call>> called = AwsCalls.byHandler();
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            String handler = at(function.getValue(), "Properties", "Handler");
            Set<AwsCalls.Call> calls = called.getOrDefault(handler.substring(0, handler.indexOf("::")), Set.of());
            assertFalse(calls.isEmpty(), function.getKey() + " was not called");
            List<Grant> grants = grants(function.getValue(), arns);
            for (AwsCalls.Call call : calls) {
                assertTrue(grants.stream().anyMatch(grant -> grant.allows(call)),
                        function.getKey() + " calls " + call.action() + " on " + call.resource()
                                + ", which its policies do not grant: " + grants);
            }
            // Action by action, resource by resource: a grant no call needs is one too many.
            Set<String> unseen = UNSEEN.getOrDefault(function.getKey(), Set.of());
            for (Grant grant : grants) {
                if (!unseen.contains(grant.action())) {
                    assertTrue(calls.stream().anyMatch(grant::allows),
                            function.getKey() + " is granted " + grant + ", which it never uses");
                }
            }
        }
    }

    @Test
    void theSenderIsAllowedItsAddressAndItsDomainOnlyWhicheverWayItIsWritten() {
        Pattern sender = Pattern.compile(at(template, "Parameters", "SenderAddress", "AllowedPattern"));
        for (String from : List.of("Ada <news@example.com>", "Ada Lovelace<news@example.com>", "news@example.com")) {
            assertTrue(sender.matcher(from).matches(), from);
            Arns arns = new Arns(Map.of("SenderAddress", from, "ConfigurationSet", "gazette-digest",
                    "AWS::StackName", "gazette"));
            Set<String> identities = new TreeSet<>();
            for (Grant grant : grants(functions().get("SubscriptionFunction"), arns)) {
                if (grant.action().equals("ses:SendEmail")) {
                    identities.add(grant.resource());
                }
            }
            String ses = "arn:aws:ses:" + AwsCalls.REGION + ":" + AwsCalls.ACCOUNT + ":";
            assertEquals(Set.of(ses + "identity/news@example.com", ses + "identity/example.com",
                    ses + "configuration-set/gazette-digest"), identities, from);
        }
        for (String bad : List.of("news", "Ada <news@example.com", "a@b <news@example.com>", "<news@example.com> x",
                "news@example.com\nBcc: x@example.com")) {
            assertFalse(sender.matcher(bad).matches(), bad);
        }
    }

    /**
     * Each function on the emulators, doing what it does in a deployed stack: its everyday paths and its rare ones
     * (errors SES answers, through {@link SesFaults}), so that a grant only a rare path needs is shown needed.
     */
    private static void callEveryFunction(Stack stack) throws IOException {
        String sesEndpoint = System.getProperty("aws.endpointUrlSesV2");
        try (SesFaults faults = new SesFaults(stack.emulators.ses)) {
            System.setProperty("aws.endpointUrlSesV2", faults.uri().toString());
            publishing(stack);
            sending(stack, faults);
            subscribing(stack, faults);
            bouncing(stack);
        } finally {
            System.setProperty("aws.endpointUrlSesV2", sesEndpoint);
        }
    }

    /**
     * The stack's site URL written by CloudFormation's custom resource; a template, a picture, a post (with an
     * invalidation), a post deleted, a post dated later published by the scheduled check.
     */
    private static void publishing(Stack stack) throws IOException {
        HttpServer cloudFormation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cloudFormation.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
        try {
            JsonObject setting = JsonParser.parseString(Stack.read(Path.of("events", "cloudformation-site-url.json")))
                    .getAsJsonObject();
            setting.addProperty("ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/");
            stack.invoke(stack.publishHandler(), setting.toString());
        } finally {
            cloudFormation.stop(0);
        }
        // The writer's own template, which every function that renders reads from the posts bucket.
        stack.publish("_templates/digest.txt.mustache", "From {{site.title}}:\n{{#posts}}* {{title}}\n{{/posts}}");
        stack.subscribe("ada@example.com");
        stack.publish("images/cat.png", "a picture");
        stack.publish("2024-05-10-news.md", "---\ntitle: News\n---\nNews.\n");
        stack.deleteUpload("2024-05-10-news.md");
        stack.invoke(stack.publishHandler(), Stack.s3Event("s3-delete.json", stack.postsBucket, "2024-05-10-news.md"));
        stack.publish("2024-05-11-later.md", "---\ntitle: Later\ndate: 2024-05-11T09:00:00Z\n---\nLater.\n");
        stack.now = stack.now.plus(Duration.ofDays(1));
        stack.invoke(stack.publishHandler(), Stack.read(Path.of("events", "scheduled.json")));
    }

    /**
     * Batches sent at the account's rate, through throttling, an answer lost (then an uncertain send), the day's
     * quota used up and the bounce alarm's pause; the digest on its schedule, and a test digest.
     */
    private static void sending(Stack stack, SesFaults faults) {
        stack.env.put(Config.MAX_SEND_RATE, "0");
        faults.failNext(List.of(SesFaults.Fault.THROTTLED));
        stack.sendAll();
        stack.env.put(Config.DIGEST_CADENCE, "rate(1 day)");
        stack.publish("2024-05-11-more.md", "---\ntitle: More\n---\nMore.\n");
        stack.invoke(new DigestHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "scheduled.json")));
        List<Message> batch = stack.receiveAll();
        faults.failNext(List.of(SesFaults.Fault.ANSWER_LOST));
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.sqsEvent(batch));

        stack.subscribe("grace@example.com");
        stack.publish("2024-05-11-again.md", "---\ntitle: Again\n---\nAgain.\n");
        stack.invoke(new DigestHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "scheduled.json")));
        faults.failNext(List.of(SesFaults.Fault.DAILY_QUOTA));
        stack.deliver();
        stack.endWaits();
        // The bounce alarm pauses sending: the batch is held, hidden, then put back as a fresh copy.
        stack.invoke(new SendHandler(stack.env, stack.clock()), Stack.read(Path.of("events", "sns-alarm.json")));
        for (int wait = 0; wait < 3; wait++) {
            stack.deliver();
            stack.endWaits();
        }
        stack.invoke(new DigestHandler(stack.env, stack.clock()),
                Stack.read(Path.of("events", "digest-test-recipient.json")));
    }

    /**
     * A reader subscribes (once throttled by SES), confirms and is welcomed, changes their topics, unsubscribes; a
     * client past its limit is answered without an email.
     */
    private static void subscribing(Stack stack, SesFaults faults) {
        faults.failNext(List.of(SesFaults.Fault.THROTTLED, SesFaults.Fault.THROTTLED, SesFaults.Fault.THROTTLED,
                SesFaults.Fault.THROTTLED));
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/subscribe", "", "email=reader%40example.com"));
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/subscribe", "", "email=reader%40example.com"));
        String confirm = linkTo("confirm", stack, "reader@example.com");
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/confirm", confirm, null));
        String preferences = linkTo("preferences", stack, "reader@example.com");
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/preferences", preferences, null));
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/preferences", preferences, "topic=go"));
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/unsubscribe",
                linkTo("unsubscribe", stack, "reader@example.com"), "List-Unsubscribe=One-Click"));
        stack.env.put(Config.SUBSCRIBE_LIMIT, "1");
        stack.invoke(new SubscriptionHandler(stack.env, stack.clock()), form("/subscribe", "", "email=eve%40example.com"));
    }

    /** The query of the newest link to {@code path} in the emails {@code address} was sent. */
    private static String linkTo(String path, Stack stack, String address) {
        Pattern link = Pattern.compile("/" + path + "\\?(token=[A-Za-z0-9_.-]+)");
        return stack.emulators.sentEmails().stream().filter(email -> email.to().contains(address))
                .map(email -> link.matcher(email.text() + email.headers().values()))
                .filter(Matcher::find).map(found -> found.group(1)).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no link to " + path + " for " + address));
    }

    /** The sample API event, to {@code path}: a POST with {@code body}, or a GET without. */
    private static String form(String path, String query, String body) {
        JsonObject event = JsonParser.parseString(Stack.read(Path.of("events", "api-subscribe.json"))).getAsJsonObject();
        String method = body == null ? "GET" : "POST";
        event.addProperty("rawPath", path);
        event.addProperty("rawQueryString", query);
        event.addProperty("routeKey", method + " " + path);
        JsonObject http = event.getAsJsonObject("requestContext").getAsJsonObject("http");
        http.addProperty("path", path);
        http.addProperty("method", method);
        event.addProperty("body", Base64.getEncoder().encodeToString((body == null ? "" : body)
                .getBytes(StandardCharsets.UTF_8)));
        return event.toString();
    }

    /** A permanent bounce and a complaint, which suppress; soft bounces, which are counted against a reader's digests. */
    private static void bouncing(Stack stack) {
        for (String notice : List.of("sns-bounce.json", "sns-complaint.json")) {
            stack.invoke(new BounceHandler(stack.env, stack.clock()), Stack.read(Path.of("events", notice)));
        }
        stack.subscribe("soft@example.com");
        for (String digest : List.of("20240510-000000000001", "20240510-000000000002")) {
            stack.invoke(new BounceHandler(stack.env, stack.clock()), Stack.read(Path.of("events",
                    "sns-soft-bounce.json")).replace("20240510-0123456789ab", digest).replace("reader@", "soft@"));
        }
    }

    /** One action a function may take on one resource, by its ARN ({@code *} for any, as IAM matches them). */
    private record Grant(String action, String resource) {
        boolean allows(AwsCalls.Call call) {
            return wildcard(action).matcher(call.action()).matches() && wildcard(resource).matcher(call.resource())
                    .matches();
        }

        private static Pattern wildcard(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (String part : pattern.split("((?<=[*?])|(?=[*?]))")) {
                regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        }

        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    /** A function's policies, each of its actions on each of its resources; nothing but statements of its own. */
    private static List<Grant> grants(Map<String, Object> function, Arns arns) {
        List<Grant> grants = new ArrayList<>();
        List<Map<String, Object>> policies = at(function, "Properties", "Policies");
        for (Map<String, Object> policy : policies) {
            assertEquals(Set.of("Statement"), policy.keySet(), "a policy template grants more than the calls: " + policy);
            List<Map<String, Object>> statements = at(policy, "Statement");
            for (Map<String, Object> statement : statements) {
                assertEquals("Allow", statement.get("Effect"));
                for (Object action : listOf(statement.get("Action"))) {
                    for (Object resource : listOf(statement.get("Resource"))) {
                        grants.add(new Grant(action.toString(), arns.of(resource)));
                    }
                }
            }
        }
        return grants;
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    /**
     * The template's expressions as CloudFormation would resolve them for the stack on the emulators: its resources
     * and parameters by their names there, its ARNs in {@link AwsCalls}'s account and region.
     */
    private record Arns(Map<String, String> names) {
        private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

        String of(Object expression) {
            if (expression instanceof String text) {
                return text;
            }
            Map<?, ?> intrinsic = (Map<?, ?>) expression;
            Map.Entry<?, ?> function = intrinsic.entrySet().iterator().next();
            Object argument = function.getValue();
            return switch (function.getKey().toString()) {
                case "Ref" -> value(argument.toString());
                case "Fn::GetAtt" -> value(argument.toString());
                case "Fn::Sub" -> sub(argument);
                case "Fn::Select" -> {
                    List<?> arguments = (List<?>) argument;
                    yield split(arguments.get(1)).get(Integer.parseInt(arguments.get(0).toString()));
                }
                default -> throw new AssertionError("an intrinsic this test does not resolve: " + expression);
            };
        }

        /** {@code !Sub text}, or {@code !Sub [text, {name: expression}]}. */
        private String sub(Object argument) {
            Map<String, String> local = new LinkedHashMap<>();
            String text;
            if (argument instanceof List<?> list) {
                text = list.get(0).toString();
                ((Map<?, ?>) list.get(1)).forEach((name, value) -> local.put(name.toString(), of(value)));
            } else {
                text = argument.toString();
            }
            return VARIABLE.matcher(text).replaceAll(variable -> Matcher.quoteReplacement(
                    local.containsKey(variable.group(1)) ? local.get(variable.group(1)) : value(variable.group(1))));
        }

        private List<String> split(Object expression) {
            List<?> arguments = (List<?>) at(expression, "Fn::Split");
            return List.of(of(arguments.get(1)).split(Pattern.quote(arguments.get(0).toString()), -1));
        }

        private String value(String name) {
            String region = AwsCalls.REGION;
            String account = AwsCalls.ACCOUNT;
            return switch (name) {
                case "AWS::Partition" -> "aws";
                case "AWS::Region" -> region;
                case "AWS::AccountId" -> account;
                case "Table.Arn" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + names.get("Table");
                case "SiteBucket.Arn" -> "arn:aws:s3:::" + names.get("SiteBucket");
                case "DigestQueue.Arn" -> "arn:aws:sqs:" + region + ":" + account + ":"
                        + names.get("DigestQueue").substring(names.get("DigestQueue").lastIndexOf('/') + 1);
                default -> {
                    assertTrue(names.containsKey(name), "a name this test does not resolve: " + name);
                    yield names.get(name);
                }
            };
        }
    }

    @Test
    void theTableIsTheOneTheCodeUses() {
        Map<String, Object> table = at(template, "Resources", "Table");
        assertEquals("RetainExceptOnCreate", table.get("DeletionPolicy"));
        assertEquals("PAY_PER_REQUEST", at(table, "Properties", "BillingMode"));
        List<Map<String, Object>> keys = at(table, "Properties", "KeySchema");
        assertEquals(List.of(Table.PK, Table.SK), keys.stream().map(key -> key.get("AttributeName")).toList());
        List<Map<String, Object>> indexes = at(table, "Properties", "GlobalSecondaryIndexes");
        assertEquals(Table.STATE_INDEX, indexes.get(0).get("IndexName"));
        List<Map<String, Object>> indexKeys = at(indexes.get(0), "KeySchema");
        assertEquals(List.of(Table.LIST, Table.PK), indexKeys.stream().map(key -> key.get("AttributeName")).toList());
        assertEquals(Table.EXPIRES, at(table, "Properties", "TimeToLiveSpecification", "AttributeName"));
        assertEquals(true, at(table, "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"));
    }

    @Test
    void nothingIsDroppedSilently() {
        for (String function : List.of("PublishFunction", "BounceFunction", "SendFunction")) {
            assertEquals("SQS", at(template, "Resources", function, "Properties", "EventInvokeConfig",
                    "DestinationConfig", "OnFailure", "Type"), function);
        }
        Map<String, Object> redrive = at(template, "Resources", "DigestQueue", "Properties", "RedrivePolicy");
        assertTrue(redrive.containsKey("deadLetterTargetArn"));
    }

    @Test
    void dataSurvivesMistakes() {
        // Kept when the stack is deleted, yet a first deploy that failed can be retried under the same name.
        for (String resource : List.of("PostsBucket", "SiteBucket", "Table", "DigestQueue", "FailedEvents",
                "DigestDeadLetterQueue")) {
            assertEquals("RetainExceptOnCreate", at(template, "Resources", resource, "DeletionPolicy"), resource);
            assertEquals("Retain", at(template, "Resources", resource, "UpdateReplacePolicy"), resource);
        }
        // The README promises 14 days to whoever looks into the queues.
        for (String queue : List.of("DigestQueue", "FailedEvents", "DigestDeadLetterQueue")) {
            assertEquals(1209600, (int) at(template, "Resources", queue, "Properties", "MessageRetentionPeriod"), queue);
        }
        assertEquals("Enabled", at(template, "Resources", "PostsBucket", "Properties", "VersioningConfiguration", "Status"));
        assertEquals(true, at(template, "Parameters", "UnsubscribeSecret", "NoEcho"));
        // Nobody types a secret: the stack makes its keys; the parameter is only for a stack that had one before.
        assertEquals("", at(template, "Parameters", "UnsubscribeSecret", "Default"));
    }

    @Test
    void theSubscribeFormHasALimitPerClientAndAnOptionalCaptcha() {
        assertEquals(10, (int) at(template, "Parameters", "SubscribeLimitPerHour", "Default"));
        assertEquals(List.of("", "turnstile", "hcaptcha"), at(template, "Parameters", "CaptchaProvider", "AllowedValues"));
        assertEquals("", at(template, "Parameters", "CaptchaProvider", "Default"), "none unless asked for");
        assertEquals(true, at(template, "Parameters", "CaptchaSecret", "NoEcho"));
        Map<String, Object> global = at(template, "Globals", "Function", "Environment", "Variables");
        assertTrue(!global.containsKey(Config.CAPTCHA_SECRET), "the CAPTCHA's secret goes only to the form's function");
    }

    @Test
    void theOperatorHearsOfTroubleBeforeReadersOrSesDo() {
        Map<String, Map<String, Object>> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        for (Map.Entry<String, Map<String, Object>> alarm : alarms.entrySet()) {
            List<Object> actions = at(alarm.getValue(), "Properties", "AlarmActions");
            assertTrue(actions.contains(Map.of("Ref", "AlertTopic")), alarm.getKey() + " alerts nobody");
        }
        assertEquals(Map.of("Ref", "AlertTopic"), at(template, "Resources", "AlertSubscription", "Properties",
                "TopicArn"));
        assertEquals("HasAlertEmail", at(template, "Resources", "AlertSubscription", "Condition"));

        Set<String> watched = new TreeSet<>();
        for (Map<String, Object> alarm : alarms.values()) {
            Map<String, Object> dimension = TemplateTest.<List<Map<String, Object>>>at(alarm, "Properties", "Dimensions")
                    .get(0);
            watched.add(at(alarm, "Properties", "MetricName") + " " + dimension.get("Value"));
        }
        for (String function : functions().keySet()) {
            assertTrue(watched.contains("Errors {Ref=" + function + "}"), "no alarm on the errors of " + function);
        }
        assertTrue(watched.contains("Throttles {Ref=SendFunction}"), watched.toString());
        for (String queue : List.of("FailedEvents", "DigestDeadLetterQueue")) {
            assertTrue(watched.contains("ApproximateNumberOfMessagesVisible {Fn::GetAtt=" + queue + ".QueueName}"),
                    "no alarm on " + queue);
        }
        assertEquals(true, at(template, "Resources", "ConfigurationSet", "Properties", "ReputationOptions",
                "ReputationMetricsEnabled"));
        // Before SES's own review, at 5% bounces and 0.1% complaints.
        assertAlarm(alarms.get("BounceRateAlarm"), "Reputation.BounceRate", 0.04);
        assertAlarm(alarms.get("ComplaintRateAlarm"), "Reputation.ComplaintRate", 0.0008);
    }

    @Test
    void theBounceAndComplaintAlarmsPauseSendingAndDigestsLeaveRoomForConfirmations() {
        Map<String, Object> send = at(template, "Resources", "SendFunction", "Properties");
        Map<String, Object> alarms = at(send, "Events", "Alarms");
        assertEquals("SNS", alarms.get("Type"));
        assertEquals(Map.of("Ref", "AlertTopic"), at(alarms, "Properties", "Topic"));
        assertEquals(Map.of("Ref", "AlertTopic"), at(send, "Environment", "Variables", Config.ALERT_TOPIC));
        assertEquals("MessageBody", at(alarms, "Properties", "FilterPolicyScope"));
        assertEquals(List.of("ALARM"), at(alarms, "Properties", "FilterPolicy", "NewStateValue"));
        List<String> pausing = at(alarms, "Properties", "FilterPolicy", "Trigger", "MetricName");
        for (String alarm : List.of("BounceRateAlarm", "ComplaintRateAlarm")) {
            Map<String, Object> properties = at(template, "Resources", alarm, "Properties");
            assertTrue(pausing.contains(properties.get("MetricName")), alarm + " does not pause sending");
            assertTrue(TemplateTest.<List<Object>>at(properties, "AlarmActions").contains(Map.of("Ref", "AlertTopic")));
            assertTrue(properties.get("AlarmDescription").toString().contains("gazette sends resume --table"),
                    alarm + " does not say how to resume");
        }

        Map<String, Object> share = at(template, "Parameters", "DigestRateShare");
        assertEquals(80, share.get("Default"));
        assertEquals(1, share.get("MinValue"));
        assertEquals(100, share.get("MaxValue"));
        assertEquals(Map.of("Ref", "DigestRateShare"), at(send, "Environment", "Variables", Config.DIGEST_RATE_SHARE));
    }

    private static void assertAlarm(Map<String, Object> alarm, String metric, double threshold) {
        assertEquals(metric, at(alarm, "Properties", "MetricName"));
        assertEquals(threshold, TemplateTest.<Number>at(alarm, "Properties", "Threshold").doubleValue());
        assertEquals("GreaterThanOrEqualToThreshold", at(alarm, "Properties", "ComparisonOperator"));
        Map<String, Object> dimension = TemplateTest.<List<Map<String, Object>>>at(alarm, "Properties", "Dimensions")
                .get(0);
        assertEquals(Map.of("Name", "ses:configuration-set", "Value", Map.of("Ref", "ConfigurationSet")), dimension);
    }

    @Test
    void twoStacksFitInOneAccountAndSchedulesKeepTheStacksTime() {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Map<String, Map<String, Object>> events = at(function.getValue(), "Properties", "Events");
            events.forEach((name, event) -> {
                if ("ScheduleV2".equals(event.get("Type"))) {
                    assertEquals(true, at(event, "Properties", "OmitName"), name + " would have a fixed name");
                    assertEquals(Map.of("Ref", "TimeZone"), at(event, "Properties", "ScheduleExpressionTimezone"),
                            name);
                }
            });
        }
        Map<String, Map<String, Object>> resources = at(template, "Resources");
        resources.forEach((name, resource) -> {
            Object properties = resource.get("Properties");
            Object named = properties instanceof Map<?, ?> map ? map.get("Name") : null;
            if (named != null) {
                assertTrue(named.toString().contains("${AWS::StackName}"), name + " has a name fixed for the account");
            }
        });
    }

    @Test
    void aScheduleThatCannotRunIsRefusedBeforeAnythingIsCreated() {
        Pattern cadence = Pattern.compile(at(template, "Parameters", "DigestCadence", "AllowedPattern"));
        Pattern check = Pattern.compile(at(template, "Parameters", "ScheduledPostsCheck", "AllowedPattern"));
        for (String good : List.of("rate(1 day)", "rate(15 minutes)", "rate(2 hours)", "cron(0 9 ? * MON *)",
                "cron(0/15 * * * ? *)")) {
            assertTrue(cadence.matcher(good).matches(), good);
            assertTrue(check.matcher(good).matches(), good);
        }
        assertTrue(cadence.matcher("immediate").matches());
        assertTrue(cadence.matcher(at(template, "Parameters", "DigestCadence", "Default")).matches());
        assertTrue(check.matcher(at(template, "Parameters", "ScheduledPostsCheck", "Default")).matches());
        for (String bad : List.of("", "daily", "rate(1 days)", "rate(2 day)", "rate(0 minutes)", "rate(15 mins)",
                "cron(0 9 * *)", "cron(0 9 ? * MON *) ", "at(2024-05-01T09:00:00)", "Immediate")) {
            assertFalse(cadence.matcher(bad).matches(), bad);
            assertFalse(check.matcher(bad).matches(), bad);
        }
        assertFalse(check.matcher("immediate").matches());
    }

    @Test
    void logsAreKeptForAStatedTimeWithoutAddressesOrTokens() {
        Set<Object> logged = new TreeSet<>();
        resourcesOfType("AWS::Logs::LogGroup").forEach((name, group) -> {
            assertEquals(Map.of("Ref", "LogRetentionDays"), at(group, "Properties", "RetentionInDays"), name);
            Object logGroupName = at(group, "Properties", "LogGroupName");
            if (logGroupName != null) {
                logged.add(logGroupName.toString());
            }
        });
        for (String function : functions().keySet()) {
            assertTrue(logged.contains("{Fn::Sub=/aws/lambda/${" + function + "}}"), function + " keeps logs for ever");
        }
        Map<String, Object> access = at(template, "Resources", "SubscriptionApi", "Properties", "AccessLogSettings");
        assertEquals(Map.of("Fn::GetAtt", "ApiAccessLogs.Arn"), access.get("DestinationArn"));
        String format = access.get("Format").toString();
        assertTrue(format.contains("$context.status"), format);
        for (String personal : List.of("sourceIp", "identity", "path", "querystring", "requestBody", "userAgent")) {
            assertFalse(format.toLowerCase(Locale.ROOT).contains(personal.toLowerCase(Locale.ROOT)),
                    "the access log holds " + personal);
        }
    }

    private Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        Map<String, Map<String, Object>> resources = at(template, "Resources");
        resources.forEach((name, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(name, resource);
            }
        });
        return found;
    }

    @Test
    void functionsStartFromASnapshotOfAJavaRuntime() throws IOException {
        Map<String, Object> globals = at(template, "Globals", "Function");
        assertTrue(globals.get("Runtime").toString().matches("java(21|25)"));
        assertEquals("PublishedVersions", at(globals, "SnapStart", "ApplyOn"));
        assertEquals("live", globals.get("AutoPublishAlias"));
        String makefile = Files.readString(Path.of("Makefile"));
        for (String function : functions().keySet()) {
            assertEquals("makefile", at(functions().get(function), "Metadata", "BuildMethod"));
            assertTrue(makefile.contains("build-" + function), "the Makefile builds " + function);
        }
    }

    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03";

    @Test
    void withADomainTheDistributionServesItWithItsCertificate() {
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "DomainName"), "")))),
                at(template, "Conditions", "HasDomain"));
        Map<String, Object> config = at(template, "Resources", "Distribution", "Properties", "DistributionConfig");
        assertEquals(Map.of("Fn::If", List.of("HasDomain", List.of(Map.of("Ref", "DomainName")),
                Map.of("Ref", "AWS::NoValue"))), config.get("Aliases"));
        assertEquals(Map.of("Fn::If", List.of("HasDomain", Map.of("AcmCertificateArn", Map.of("Ref", "CertificateArn"),
                        "SslSupportMethod", "sni-only", "MinimumProtocolVersion", "TLSv1.2_2021"),
                Map.of("Ref", "AWS::NoValue"))), config.get("ViewerCertificate"));
        // CloudFront takes certificates from us-east-1 only.
        Pattern certificate = Pattern.compile(at(template, "Parameters", "CertificateArn", "AllowedPattern"));
        assertTrue(certificate.matcher("arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789").matches());
        assertFalse(certificate.matcher("arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789").matches());
        Pattern domain = Pattern.compile(at(template, "Parameters", "DomainName", "AllowedPattern"));
        for (String good : List.of("", "blog.example.com", "example.co.uk", "x-1.example.com")) {
            assertTrue(domain.matcher(good).matches(), good);
        }
        for (String bad : List.of("https://blog.example.com/", "blog.example.com/", "Blog.Example.com", "localhost",
                "-a.example.com", "a..example.com")) {
            assertFalse(domain.matcher(bad).matches(), bad);
        }
    }

    @Test
    void everyFunctionsSiteUrlIsTheDomainOrElseTheCloudFrontUrlTheStackWritesIntoTheTable() {
        Map<String, Object> global = at(template, "Globals", "Function", "Environment", "Variables");
        assertEquals(Map.of("Fn::If", List.of("HasDomain", Map.of("Fn::Sub", "https://${DomainName}/"), "")),
                global.get(Config.SITE_URL));
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Map<String, Object> own = at(function.getValue(), "Properties", "Environment", "Variables");
            if (own != null) {
                assertFalse(own.containsKey(Config.SITE_URL), function.getKey() + " sets its own site URL");
                assertFalse(own.containsKey(Config.ENDPOINT), function.getKey() + " links to another host than the site");
            }
            assertFalse(String.valueOf(function.getValue()).contains("execute-api"),
                    function.getKey() + " knows the API's own host");
        }
        Map<String, Object> setting = at(template, "Resources", "SiteUrlSetting");
        assertEquals("AWS::CloudFormation::CustomResource", setting.get("Type"));
        assertEquals("NoDomain", setting.get("Condition"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "DomainName"), "")),
                at(template, "Conditions", "NoDomain"));
        assertEquals(Map.of("Ref", "PublishFunction.Alias"), at(setting, "Properties", "ServiceToken"));
        assertEquals(Map.of("Fn::Sub", "https://${Distribution.DomainName}/"), at(setting, "Properties", "SiteUrl"));
    }

    @Test
    void everyEndpointIsServedUnderTheSiteByTheApiUncachedWithItsQueryBodyAndHeaders() {
        Map<String, Object> config = at(template, "Resources", "Distribution", "Properties", "DistributionConfig");
        List<Map<String, Object>> origins = at(config, "Origins");
        Map<String, Object> api = origins.stream().filter(origin -> "api".equals(origin.get("Id"))).findFirst()
                .orElseThrow();
        assertEquals(Map.of("Fn::Sub", "${SubscriptionApi}.execute-api.${AWS::Region}.amazonaws.com"),
                api.get("DomainName"));
        assertEquals("https-only", at(api, "CustomOriginConfig", "OriginProtocolPolicy"));

        Map<String, Map<String, Object>> behaviours = new LinkedHashMap<>();
        List<Map<String, Object>> cacheBehaviours = at(config, "CacheBehaviors");
        cacheBehaviours.forEach(behaviour -> behaviours.put(behaviour.get("PathPattern").toString(), behaviour));
        Set<String> routes = new TreeSet<>();
        Map<String, Map<String, Object>> events = at(template, "Resources", "SubscriptionFunction", "Properties", "Events");
        events.values().forEach(event -> {
            Object path = at(event, "Properties", "Path");
            if ("HttpApi".equals(event.get("Type")) && path != null) {
                routes.add(path.toString());
            }
        });
        assertTrue(routes.containsAll(List.of("/subscribe", "/confirm", "/unsubscribe")), routes.toString());
        for (String route : routes) {
            Map<String, Object> behaviour = behaviours.get(route);
            assertTrue(behaviour != null, "CloudFront does not route " + route + " to the API: " + behaviours.keySet());
            assertEquals("api", behaviour.get("TargetOriginId"), route);
            assertEquals(CACHING_DISABLED, behaviour.get("CachePolicyId"), route);
            assertEquals(Map.of("Ref", "EndpointRequestPolicy"), behaviour.get("OriginRequestPolicyId"), route);
            assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"),
                    Set.copyOf(at(behaviour, "AllowedMethods")), route);
            assertEquals(SECURITY_HEADERS, behaviour.get("ResponseHeadersPolicyId"), route);
        }
        behaviours.forEach((path, behaviour) -> assertEquals("api", behaviour.get("TargetOriginId"), path));
    }

    /**
     * CloudFront passes the endpoints every query string and each header they read (as {@code request.header("…")}
     * in SubscriptionApi), and the reader's address, which the Subscription function counts clients by.
     */
    @Test
    void theEndpointsGetTheQueryTheHeadersTheyReadAndTheReadersAddress() throws IOException {
        Map<String, Object> policy = at(template, "Resources", "EndpointRequestPolicy", "Properties",
                "OriginRequestPolicyConfig");
        assertEquals("all", at(policy, "QueryStringsConfig", "QueryStringBehavior"));
        assertEquals("whitelist", at(policy, "HeadersConfig", "HeaderBehavior"), "never the viewer's Host");
        Set<String> forwarded = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        forwarded.addAll(at(policy, "HeadersConfig", "Headers"));
        java.util.regex.Matcher read = Pattern.compile("request\\.header\\(\"([^\"]+)\"\\)")
                .matcher(Files.readString(Path.of("src/main/java/dev/gazette/web/SubscriptionApi.java")));
        Set<String> headers = new TreeSet<>();
        while (read.find()) {
            headers.add(read.group(1));
        }
        assertTrue(headers.containsAll(List.of("content-type", "accept", "origin")), headers.toString());
        for (String header : headers) {
            assertTrue(forwarded.contains(header), "CloudFront does not pass " + header + " to the endpoints");
        }
        String clientIp = at(template, "Resources", "SubscriptionFunction", "Properties", "Environment", "Variables",
                Config.CLIENT_IP_HEADER);
        assertEquals("CloudFront-Viewer-Address", clientIp);
        assertTrue(forwarded.contains(clientIp));
        // Only CloudFront knows the key it adds, so a request to the API's own URL cannot write the viewer's address.
        Object key = at(template, "Resources", "SubscriptionFunction", "Properties", "Environment", "Variables",
                Config.PROXY_KEY);
        List<Map<String, Object>> origins = at(template, "Resources", "Distribution", "Properties",
                "DistributionConfig", "Origins");
        Map<String, Object> api = origins.stream().filter(origin -> "api".equals(origin.get("Id"))).findFirst()
                .orElseThrow();
        List<Map<String, Object>> added = at(api, "OriginCustomHeaders");
        assertEquals(List.of(Map.of("HeaderName", Client.PROXY_KEY_HEADER, "HeaderValue", key)), added);
    }

    @Test
    void missingPathsGetGazettesNotFoundPageAndEveryAnswerItsSecurityHeaders() {
        Map<String, Object> config = at(template, "Resources", "Distribution", "Properties", "DistributionConfig");
        List<Map<String, Object>> errors = at(config, "CustomErrorResponses");
        // S3 answers 403 for a missing key when CloudFront may not list the bucket, 404 when it may.
        for (int code : List.of(403, 404)) {
            Map<String, Object> error = errors.stream().filter(e -> Integer.valueOf(code).equals(e.get("ErrorCode")))
                    .findFirst().orElseThrow(() -> new AssertionError("no page for " + code));
            assertEquals(404, error.get("ResponseCode"));
            assertEquals("/404.html", error.get("ResponsePagePath"));
        }
        assertEquals(SECURITY_HEADERS, at(config, "DefaultCacheBehavior", "ResponseHeadersPolicyId"));
    }

    @Test
    void theStacksSettingsAreThoseOfGazettePublish() {
        Map<String, Object> global = at(template, "Globals", "Function", "Environment", "Variables");
        assertEquals(Map.of("Ref", "SiteDescription"), global.get(Config.DESCRIPTION));
        assertEquals(Map.of("Ref", "SiteLanguage"), global.get(Config.LANGUAGE));
        assertEquals(Map.of("Ref", "MaxPostBytes"), at(template, "Resources", "PublishFunction", "Properties",
                "Environment", "Variables", Config.MAX_POST_BYTES));
        assertEquals(64 * 1024 * 1024, (int) at(template, "Parameters", "MaxPostBytes", "MaxValue"),
                "the limit of --max-post-size");
    }

    @Test
    void theReadmesDeploySectionNamesEveryParameter() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String deploy = readme.substring(readme.indexOf("### Deploy"), readme.indexOf("### Operations"));
        Map<String, Object> parameters = at(template, "Parameters");
        for (String parameter : parameters.keySet()) {
            assertTrue(deploy.contains("`" + parameter + "`"), "the README's deploy section does not name " + parameter);
        }
    }

    /**
     * No resource depends on itself, through references or through what SAM makes of a function's events: an
     * HttpApi event makes the API's routes depend on the function, an S3 event the bucket's notification. Every
     * function gets the globals' references too.
     */
    @Test
    void theStackHasNoCircularDependency() {
        Map<String, Map<String, Object>> resources = at(template, "Resources");
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        Object globals = at(template, "Globals");
        resources.forEach((name, resource) -> {
            Set<String> needs = new TreeSet<>();
            references(resource, resources.keySet(), needs);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                references(globals, resources.keySet(), needs);
            }
            dependsOn.computeIfAbsent(name, key -> new TreeSet<>()).addAll(needs);
        });
        functions().forEach((name, function) -> {
            Map<String, Map<String, Object>> events = at(function, "Properties", "Events");
            events.values().forEach(event -> {
                Object owner = "HttpApi".equals(event.get("Type")) ? at(event, "Properties", "ApiId")
                        : "S3".equals(event.get("Type")) ? at(event, "Properties", "Bucket") : null;
                if (owner != null) {
                    // The event's own reference to its API or bucket belongs to the API or bucket, not the function.
                    String target = ((Map<?, ?>) owner).get("Ref").toString();
                    dependsOn.get(name).remove(target);
                    dependsOn.get(target).add(name);
                }
            });
        });
        for (String start : dependsOn.keySet()) {
            List<String> cycle = cycleFrom(start, dependsOn, new ArrayList<>());
            assertTrue(cycle.isEmpty(), "a circular dependency: " + String.join(" -> ", cycle));
        }
    }

    static List<String> cycleFrom(String at, Map<String, Set<String>> dependsOn, List<String> path) {
        if (path.contains(at)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
            cycle.add(at);
            return cycle;
        }
        path.add(at);
        for (String next : dependsOn.getOrDefault(at, Set.of())) {
            List<String> cycle = cycleFrom(next, dependsOn, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return List.of();
    }

    /** The resources a node refers to: by Ref, GetAtt, ${X} or ${X.Attribute} in a Sub, or DependsOn. */
    static void references(Object node, Set<String> names, Set<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key.equals("Ref") || key.equals("Fn::GetAtt") || key.equals("DependsOn")) {
                    for (String name : String.valueOf(value).replaceAll("[\\[\\]]", "").split("[.,] *")) {
                        if (names.contains(name)) {
                            found.add(name);
                        }
                    }
                } else if (key.equals("Fn::Sub")) {
                    java.util.regex.Matcher variable = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]")
                            .matcher(String.valueOf(value));
                    while (variable.find()) {
                        if (names.contains(variable.group(1))) {
                            found.add(variable.group(1));
                        }
                    }
                }
                references(value, names, found);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> references(item, names, found));
        }
    }

    /** The template, with CloudFormation's short forms ({@code !Ref x}) read as their long forms. */
    private static Map<String, Object> load() {
        Map<Tag, ConstructNode> intrinsics = new LinkedHashMap<>();
        for (String name : INTRINSICS) {
            intrinsics.put(new Tag("!" + name), node -> Map.of(name.equals("Ref") || name.equals("Condition")
                    ? name : "Fn::" + name, plainUntagged(node)));
        }
        LoadSettings settings = LoadSettings.builder().setTagConstructors(intrinsics).build();
        try {
            return at(new Load(settings).loadFromString(Files.readString(Path.of("template.yaml"))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A node as plain maps, lists and strings, with the short forms nested in short forms read too. */
    private static Object plain(Node node) {
        String tag = node.getTag().getValue();
        if (tag.startsWith("!") && INTRINSICS.contains(tag.substring(1))) {
            // An intrinsic inside another, such as !Sub in !If: its own long form too.
            String name = tag.substring(1);
            return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, plainUntagged(node));
        }
        return plainUntagged(node);
    }

    private static Object plainUntagged(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> items = new ArrayList<>();
            sequence.getValue().forEach(item -> items.add(plain(item)));
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            map.put(((ScalarNode) tuple.getKeyNode()).getValue(), plain(tuple.getValueNode()));
        }
        return map;
    }
}
