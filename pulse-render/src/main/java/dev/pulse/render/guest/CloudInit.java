package dev.pulse.render.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.random.RandomNumberGeneratorStrategy;
import com.hubspot.jinjava.tree.Node;
import dev.pulse.model.GuestTemplate;
import dev.pulse.render.yaml.YamlWriter;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Renders a VM's guest templates (Jinja, through jinjava) and merges the cloud-config fragments, in the
 * role's order, into one {@code #cloud-config} document: mappings merge, lists concatenate, a scalar set
 * differently by two templates is a problem.
 *
 * <p>Templates run sandboxed: the context is the fixed map {@link #context} builds (strings, numbers,
 * lists, maps — no Java objects), {@code include}/{@code import}/{@code extends} cannot load anything
 * (the resource locator refuses every name), clock and random functions are disabled so output is
 * deterministic, and output size and render depth are bounded. Unknown variables are errors, not empty
 * strings. Rendered output that carries a password or a private key is refused: secrets come from Secrets.
 */
public final class CloudInit {

    /** What a render produced: the user data, or the problems that kept it from being written. */
    public record Result(String userData, List<String> problems) {}

    private static final Pattern LITERAL_SECRET = Pattern.compile(
            "(?im)^\\s*-?\\s*(password|passwd|plain_text_passwd|hashed_passwd|chpasswd)\\s*:|-----BEGIN [A-Z ]*PRIVATE KEY-----");

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Jinjava jinjava;

    /**
     * Caches that keep 10 000 VMs fast without changing a byte of output: templates are parsed once, a
     * fragment text is parsed as YAML once, a merged document is written once. Shared by threads; cleared
     * when they grow past {@link #CACHE_LIMIT} entries, so memory stays bounded.
     */
    private final Map<String, Parsed> parsedTemplates = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> parsedFragments = new ConcurrentHashMap<>();
    private final Map<JsonNode, String> writtenDocuments = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 20_000;

    /** A parsed template and the errors parsing it gave. */
    private record Parsed(Node root, List<TemplateError> errors) {}

    public CloudInit() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(256 * 1024)
                .withMaxRenderDepth(5)
                .withEnableRecursiveMacroCalls(false)
                .withNestedInterpretationEnabled(false)
                .withRandomNumberGeneratorStrategy(RandomNumberGeneratorStrategy.CONSTANT_ZERO)
                .withTimeZone(ZoneOffset.UTC)
                .withLocale(Locale.ROOT)
                .withDisabled(Map.of(
                        Context.Library.TAG, Set.of("include", "import", "from", "extends"),
                        Context.Library.FILTER, Set.of("random", "shuffle")))
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new IOException("guest templates cannot read files (asked for '" + name + "')");
        });
        // Disabling alone leaves some clock functions reachable; replacing them is certain.
        for (String clock : CLOCK) {
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", clock, CloudInit.class, "noClock", Object[].class));
            jinjava.getGlobalContext().registerFilter(new NoClockFilter(clock));
        }
    }

    /** Jinjava's clock functions and filters: they would make output differ run to run. */
    private static final List<String> CLOCK = List.of("today", "unixtimestamp", "datetimeformat", "strtotime", "strtodate");

    /** Stands in for every clock function. */
    public static Object noClock(Object... ignored) {
        throw new IllegalArgumentException("clock functions are disabled: guest configuration must be the same on every render");
    }

    /** Stands in for every clock filter. */
    private record NoClockFilter(String getName) implements Filter {
        @Override
        public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
            return noClock();
        }
    }

    /**
     * The fixed template context.
     *
     * @param vm the VM's facts: name, namespace, role, host, cluster, fleet, cpuCores, memory, gpus
     * @param networks its secondary networks, in interface order
     * @param vars the role's guestVars overlaid with the VM's
     */
    public static Map<String, Object> context(Map<String, Object> vm, List<GuestNetwork> networks, Map<String, String> vars) {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, Object> byName = new TreeMap<>();
        for (GuestNetwork network : networks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", network.name());
            entry.put("type", network.type());
            entry.put("vlan", network.vlan());
            entry.put("mtu", network.mtu());
            entry.put("mac", network.mac());
            list.add(entry);
            byName.put(network.name(), entry);
        }
        return Map.of("vm", Map.copyOf(vm), "networks", List.copyOf(list), "network", byName, "vars", new TreeMap<>(vars));
    }

    /** Renders and merges {@code templates} in order. */
    public Result render(List<GuestTemplate> templates, Map<String, Object> context) {
        List<String> problems = new ArrayList<>();
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        Map<String, String> setBy = new TreeMap<>();
        for (GuestTemplate template : templates) {
            RenderResult result = renderTemplate(template.text(), context);
            List<TemplateError> errors = result.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
            if (!errors.isEmpty()) {
                errors.forEach(e -> problems.add(template.origin() + ":" + Math.max(1, e.getLineno()) + ": " + e.getMessage()));
                continue;
            }
            String output = result.getOutput();
            if (LITERAL_SECRET.matcher(output).find()) {
                problems.add(template.origin() + ": writes a password or private key into the user data; use the cluster's "
                        + "'access: {sshKeysSecret, passwordsSecret}' so the value stays in a Secret");
                continue;
            }
            JsonNode fragment;
            try {
                fragment = cached(parsedFragments, output, YAML::readTree);
            } catch (IOException e) {
                problems.add(template.origin() + ": does not render to YAML: " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            if (fragment == null || fragment.isNull() || fragment.isMissingNode()) {
                continue;
            }
            if (!(fragment instanceof ObjectNode object)) {
                problems.add(template.origin() + ": must render to a cloud-config mapping, got " + fragment.getNodeType());
                continue;
            }
            merge(merged, object, "", template.name(), setBy, problems);
        }
        if (!problems.isEmpty() || merged.isEmpty()) {
            return new Result("", problems);
        }
        try {
            return new Result(cached(writtenDocuments, merged, document -> "#cloud-config\n" + YamlWriter.yaml(document)), problems);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * What {@link Jinjava#renderForResult} does, with the template parsed once: a fresh interpreter and
     * context per render (the same sandbox configuration), the cached tree rendered into it.
     */
    @SuppressWarnings("try") // the resources only scope the interpreter jinjava looks up as current
    private RenderResult renderTemplate(String text, Map<String, Object> bindings) {
        Parsed parsed = parsedTemplates.get(text);
        if (parsed == null) {
            JinjavaInterpreter parser = jinjava.newInterpreter();
            try (var current = JinjavaInterpreter.closeablePushCurrent(parser).get()) {
                parsed = new Parsed(parser.parse(text), List.copyOf(parser.getErrors()));
            } catch (InterpretException e) {
                parsed = new Parsed(null, List.of(TemplateError.fromException(e, e.getLineNumber())));
            }
            if (parsedTemplates.size() > CACHE_LIMIT) {
                parsedTemplates.clear();
            }
            parsedTemplates.put(text, parsed);
        }
        if (!parsed.errors().isEmpty()) {
            return new RenderResult("", null, parsed.errors());
        }
        JinjavaConfig config = jinjava.getGlobalConfig();
        Context context = new Context(jinjava.getGlobalContext(), bindings, config.getDisabled());
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
        try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            String output = interpreter.render(parsed.root());
            return new RenderResult(output, context, List.copyOf(interpreter.getErrors()));
        } catch (InterpretException e) {
            return new RenderResult("", context, List.of(TemplateError.fromException(e, e.getLineNumber())));
        } catch (RuntimeException e) {
            // what Jinjava#renderForResult turns into an error too: a refused include, an output over the bound, ...
            return new RenderResult("", context, List.of(TemplateError.fromException(e)));
        }
    }

    /** A function that may fail with an I/O exception (YAML parsing and writing). */
    @FunctionalInterface
    private interface IoFunction<K, V> {
        V apply(K key) throws IOException;
    }

    private static <K, V> V cached(Map<K, V> cache, K key, IoFunction<K, V> compute) throws IOException {
        V value = cache.get(key);
        if (value == null) {
            value = compute.apply(key);
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, value);
        }
        return value;
    }

    private static void merge(ObjectNode into, ObjectNode from, String path, String template, Map<String, String> setBy, List<String> problems) {
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            String key = path + field.getKey();
            JsonNode existing = into.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing == null) {
                into.set(field.getKey(), value.deepCopy());
                setBy.put(key, template);
            } else if (existing instanceof ArrayNode list && value instanceof ArrayNode more) {
                list.addAll(more.deepCopy());
            } else if (existing instanceof ObjectNode map && value instanceof ObjectNode more) {
                merge(map, more, key + ".", template, setBy, problems);
            } else if (!existing.equals(value)) {
                problems.add("templates '" + setBy.get(key) + "' and '" + template + "' both set '" + key + "' differently");
            }
        }
    }
}
