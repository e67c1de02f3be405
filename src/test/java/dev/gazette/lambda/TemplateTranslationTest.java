package dev.gazette.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code template.yaml} as CloudFormation deploys it: transformed by AWS's SAM translator (Python's
 * {@code samtranslator}), with and without a domain of its own. The translator is not part of the build: the test
 * runs where {@code -Dgazette.samTranslator=DIR} (or {@code /tmp/gazette-tools/sam}, where the cfn-lint build of
 * {@code ../shared/tools} puts it) holds it, and is skipped elsewhere; {@link TemplateTest} checks the same facts on
 * the template as written, everywhere.
 */
class TemplateTranslationTest {
    private static final Map<String, String> REQUIRED = Map.of("SiteTitle", "Example Blog",
            "SenderAddress", "Example Blog <news@blog.example.com>", "UnsubscribeSecret", "a test secret of enough length");
    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    @Test
    void withADomainEveryUrlIsTheDomainsAndTheDistributionServesIt() throws Exception {
        Deployed stack = deploy(Map.of("DomainName", "blog.example.com", "CertificateArn", CERTIFICATE));

        Map<String, Object> config = stack.at("Distribution", "Properties", "DistributionConfig");
        assertEquals(List.of("blog.example.com"), config.get("Aliases"));
        assertEquals(Map.of("AcmCertificateArn", CERTIFICATE, "SslSupportMethod", "sni-only",
                "MinimumProtocolVersion", "TLSv1.2_2021"), config.get("ViewerCertificate"));
        for (String function : stack.ofType("AWS::Lambda::Function")) {
            assertEquals("https://blog.example.com/", stack.variables(function).get(Config.SITE_URL), function);
        }
        assertFalse(stack.resources.containsKey("SiteUrlSetting"), "no lookup: the URL is the parameter");
        assertEveryRouteIsServedByTheDistribution(stack);
        assertNoCycle(stack);
    }

    @Test
    void withoutTheFunctionsReadTheCloudFrontUrlTheStackWritesAfterTheDistribution() throws Exception {
        Deployed stack = deploy(Map.of());

        Map<String, Object> config = stack.at("Distribution", "Properties", "DistributionConfig");
        assertNull(config.get("Aliases"));
        assertNull(config.get("ViewerCertificate"));
        for (String function : stack.ofType("AWS::Lambda::Function")) {
            assertEquals("", stack.variables(function).get(Config.SITE_URL), function);
            assertFalse(String.valueOf(stack.resources.get(function)).contains("execute-api"), function);
        }
        Map<String, Object> setting = stack.resources.get("SiteUrlSetting");
        assertEquals(Map.of("Ref", "PublishFunctionAliaslive"), TemplateTest.at(setting, "Properties", "ServiceToken"));
        assertEquals(Map.of("Fn::Sub", "https://${Distribution.DomainName}/"),
                TemplateTest.at(setting, "Properties", "SiteUrl"));
        assertEveryRouteIsServedByTheDistribution(stack);
        assertNoCycle(stack);
    }

    /** Every path of the HTTP API, as the translator wrote its routes, has a behaviour that sends it to the API. */
    private static void assertEveryRouteIsServedByTheDistribution(Deployed stack) {
        Map<String, Object> paths = stack.at("SubscriptionApi", "Properties", "Body", "paths");
        Set<String> routes = new TreeSet<>(paths.keySet());
        routes.remove("$default");
        assertTrue(routes.containsAll(List.of("/subscribe", "/confirm", "/unsubscribe")), routes.toString());
        List<Map<String, Object>> behaviours = stack.at("Distribution", "Properties", "DistributionConfig",
                "CacheBehaviors");
        for (String route : routes) {
            assertTrue(behaviours.stream().anyMatch(behaviour -> route.equals(behaviour.get("PathPattern"))
                    && "api".equals(behaviour.get("TargetOriginId"))), route + " is not routed to the API");
        }
    }

    private static void assertNoCycle(Deployed stack) {
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        stack.resources.forEach((name, resource) -> {
            Set<String> needs = new TreeSet<>();
            TemplateTest.references(resource, stack.resources.keySet(), needs);
            dependsOn.put(name, needs);
        });
        for (String start : dependsOn.keySet()) {
            List<String> cycle = TemplateTest.cycleFrom(start, dependsOn, new ArrayList<>());
            assertTrue(cycle.isEmpty(), "a circular dependency: " + String.join(" -> ", cycle));
        }
    }

    /** The transformed template's resources that these parameters create, with each Fn::If resolved. */
    private record Deployed(Map<String, Map<String, Object>> resources) {
        <T> T at(String resource, String... path) {
            return TemplateTest.at(resources.get(resource), path);
        }

        List<String> ofType(String type) {
            return resources.entrySet().stream().filter(entry -> type.equals(entry.getValue().get("Type")))
                    .map(Map.Entry::getKey).toList();
        }

        Map<String, Object> variables(String function) {
            return at(function, "Properties", "Environment", "Variables");
        }
    }

    @SuppressWarnings("unchecked")
    private static Deployed deploy(Map<String, String> given) throws IOException, InterruptedException {
        Path translator = Path.of(System.getProperty("gazette.samTranslator", "/tmp/gazette-tools/sam"));
        Assumptions.assumeTrue(Files.isDirectory(translator.resolve("samtranslator")),
                "the SAM translator is not at " + translator + " (see ../shared/tools/README.md)");
        Map<String, String> parameters = new LinkedHashMap<>(REQUIRED);
        parameters.putAll(given);
        ProcessBuilder python = new ProcessBuilder("python3",
                Path.of("src/test/resources/dev/gazette/lambda/sam-translate.py").toString(), "template.yaml",
                new Gson().toJson(parameters));
        python.environment().put("PYTHONPATH", translator.toString());
        Path errors = Files.createTempFile("sam-translate", ".err");
        python.redirectError(errors.toFile());
        Process process = python.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the translator did not finish");
        assertEquals(0, process.exitValue(), "the translator refused the template: " + Files.readString(errors));
        Files.delete(errors);
        Map<String, Object> template = new Gson().fromJson(out, Map.class);

        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Map<String, Object>> declared = TemplateTest.at(template, "Parameters");
        declared.forEach((name, parameter) -> values.put(name, parameter.get("Default")));
        values.putAll(parameters);
        Map<String, Object> conditionsWritten = TemplateTest.at(template, "Conditions");
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        conditionsWritten.forEach((name, condition) -> conditions.put(name, (Boolean) evaluate(condition, values,
                conditionsWritten)));
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        Map<String, Map<String, Object>> all = TemplateTest.at(template, "Resources");
        all.forEach((name, resource) -> {
            Object condition = resource.get("Condition");
            if (condition == null || conditions.get(condition.toString())) {
                resources.put(name, (Map<String, Object>) resolve(resource, conditions, values));
            }
        });
        return new Deployed(resources);
    }

    /** A condition's value: Fn::Equals, Fn::Not, Fn::And, Fn::Or over parameters and other conditions. */
    private static Object evaluate(Object node, Map<String, Object> values, Map<String, Object> conditions) {
        if (!(node instanceof Map<?, ?> map)) {
            return String.valueOf(node);
        }
        Map.Entry<?, ?> function = map.entrySet().iterator().next();
        List<?> arguments = function.getValue() instanceof List<?> list ? list : List.of(function.getValue());
        return switch (function.getKey().toString()) {
            case "Ref" -> String.valueOf(values.get(function.getValue().toString()));
            case "Condition" -> evaluate(conditions.get(function.getValue().toString()), values, conditions);
            case "Fn::Equals" -> evaluate(arguments.get(0), values, conditions)
                    .equals(evaluate(arguments.get(1), values, conditions));
            case "Fn::Not" -> !(Boolean) evaluate(arguments.get(0), values, conditions);
            case "Fn::And" -> arguments.stream().allMatch(a -> (Boolean) evaluate(a, values, conditions));
            case "Fn::Or" -> arguments.stream().anyMatch(a -> (Boolean) evaluate(a, values, conditions));
            default -> throw new AssertionError("a condition this test cannot evaluate: " + node);
        };
    }

    /**
     * The node with each Fn::If replaced by its branch, AWS::NoValue left out, and the parameters given in place of
     * their Ref, and of a Sub that names only parameters.
     */
    private static Object resolve(Object node, Map<String, Boolean> conditions, Map<String, Object> values) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Fn::If")) {
                List<?> branches = (List<?>) map.get("Fn::If");
                return resolve(conditions.get(branches.get(0).toString()) ? branches.get(1) : branches.get(2),
                        conditions, values);
            }
            if (map.size() == 1 && map.get("Ref") instanceof String name && values.containsKey(name)) {
                return values.get(name);
            }
            if (map.size() == 1 && map.get("Fn::Sub") instanceof String text) {
                String substituted = text;
                for (Map.Entry<String, Object> value : values.entrySet()) {
                    substituted = substituted.replace("${" + value.getKey() + "}", String.valueOf(value.getValue()));
                }
                if (!substituted.contains("${")) {
                    return substituted;
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object branch = resolve(value, conditions, values);
                if (!Map.of("Ref", "AWS::NoValue").equals(branch)) {
                    resolved.put(key.toString(), branch);
                }
            });
            return resolved;
        }
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(item -> resolved.add(resolve(item, conditions, values)));
            return resolved;
        }
        return node;
    }
}
