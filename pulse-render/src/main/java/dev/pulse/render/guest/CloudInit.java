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
 *
 * <p>Limits fail, they never truncate (issue 20): jinjava cuts {@code range()} at its range limit without a word
 * and turns a recursive macro into an empty string with a mere warning, so a runaway template rendered wrong
 * guest configuration and exit 0. Here {@code range()} is replaced by one that refuses more than
 * {@value #RANGE_LIMIT} items, or more than {@value #LOOP_BUDGET} in one template altogether (nested loops), and
 * every error jinjava reports, warnings included, stops the VM's guest configuration with the template and line.
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
     * template renders once for the same values of what it reads, an output is parsed as YAML once, a merged
     * document is written once. Shared by threads; cleared when they grow past {@link #CACHE_LIMIT} entries,
     * so memory stays bounded.
     */
    private final Map<String, Parsed> parsedTemplates = new ConcurrentHashMap<>();
    private final Map<Call, Rendered> rendered = new ConcurrentHashMap<>();
    private final Map<String, Fragment> fragments = new ConcurrentHashMap<>();
    private final Map<JsonNode, String> writtenDocuments = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4_096;

    /**
     * A template, parsed once: its tree, the errors parsing gave, the words it holds (what it can read), and
     * whether it names jinjava's interpreter variable.
     */
    private record Parsed(String text, Node root, List<TemplateError> errors, Set<String> words, boolean namesInterpreter) {}

    public CloudInit() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(256 * 1024)
                .withMaxRenderDepth(5)
                .withRangeLimit(RANGE_LIMIT + 1) // one more than allowed, so range() below sees that it was cut
                .withMaxListSize(LOOP_BUDGET)
                .withMaxMapSize(LOOP_BUDGET)
                .withMaxStringLength(256 * 1024)
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
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "range", CloudInit.class, "range", Object.class, Object[].class));
        // Disabling alone leaves some clock functions reachable; replacing them is certain.
        for (String clock : CLOCK) {
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", clock, CloudInit.class, "noClock", Object[].class));
            jinjava.getGlobalContext().registerFilter(new NoClockFilter(clock));
        }
    }

    /** Jinjava's clock functions and filters: they would make output differ run to run. */
    private static final List<String> CLOCK = List.of("today", "unixtimestamp", "datetimeformat", "strtotime", "strtodate");

    /** Most items one {@code range()} may give. */
    static final int RANGE_LIMIT = 1_000;

    /** Most {@code range()} items one template render may ask for altogether: nested loops multiply. */
    static final int LOOP_BUDGET = 100_000;

    /** Range items asked for by the template rendering on this thread. */
    private static final ThreadLocal<long[]> RANGE_ITEMS = ThreadLocal.withInitial(() -> new long[1]);

    /** jinjava's {@code range()}, refusing instead of truncating. */
    public static List<Integer> range(Object arg1, Object... args) {
        List<Integer> items = com.hubspot.jinjava.lib.fn.Functions.range(arg1, args);
        if (items.size() > RANGE_LIMIT) {
            throw new IllegalArgumentException("range(" + arg1 + (args.length == 0 ? "" : ", " + String.join(", ", java.util.Arrays.stream(args)
                    .map(String::valueOf).toList())) + ") has more than " + RANGE_LIMIT + " items; a guest template may not loop further");
        }
        long[] total = RANGE_ITEMS.get();
        total[0] += items.size();
        if (total[0] > LOOP_BUDGET) {
            throw new IllegalArgumentException("loops ask range() for more than " + LOOP_BUDGET + " items in all (nested loops multiply); "
                    + "a guest template may not loop further");
        }
        return items;
    }

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
        VmSession session = new VmSession(context);
        for (GuestTemplate template : templates) {
            Parsed parsed = parsed(template.text());
            if (parsed.namesInterpreter()) {
                problems.add(template.origin() + ": names jinjava's internal variable '" + INTERPRETER_VARIABLE + "'; templates read only "
                        + String.join(", ", context.keySet().stream().sorted().toList()));
                continue;
            }
            Rendered result = render(parsed, session);
            if (!result.fatal().isEmpty()) {
                result.fatal().forEach(e -> problems.add(template.origin() + ":" + line(e, template.text()) + ": " + message(e)));
                continue;
            }
            Fragment fragment = cached(fragments, result.output(), CloudInit::fragment);
            if (fragment.problem() != null) {
                problems.add(template.origin() + ": " + fragment.problem());
            } else if (fragment.mapping() != null) {
                merge(merged, fragment.mapping(), "", template.name(), setBy, problems);
            }
        }
        if (!problems.isEmpty() || merged.isEmpty()) {
            return new Result("", problems);
        }
        return new Result(cached(writtenDocuments, merged, document -> "#cloud-config\n" + YamlWriter.yaml(document)), problems);
    }

    private static final Pattern MACRO_NAMED = Pattern.compile("macro '([A-Za-z_][A-Za-z0-9_]*)'");

    /** The error's message; for a function that refused ("Error invoking function 'range'"), the refusal itself. */
    static String message(TemplateError error) {
        Throwable cause = error.getException();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof IllegalArgumentException refused && refused.getMessage() != null ? refused.getMessage() : error.getMessage();
    }

    /** The error's line; jinjava gives none for a recursive macro, so it is the line that defines the macro. */
    static int line(TemplateError error, String text) {
        if (error.getLineno() > 0) {
            return error.getLineno();
        }
        java.util.regex.Matcher named = MACRO_NAMED.matcher(String.valueOf(error.getMessage()));
        if (named.find()) {
            Pattern definition = Pattern.compile("\\{%-?\\s*macro\\s+" + named.group(1) + "\\b");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (definition.matcher(lines[i]).find()) {
                    return i + 1;
                }
            }
        }
        return 1;
    }

    /** What one template rendered to: its output, or the errors that stop it. */
    private record Rendered(String output, List<TemplateError> fatal) {}

    /** A template and the values of the context it can read: the same call renders the same output. */
    private record Call(String text, Map<String, Object> reads) {}

    /** Rendered output as a cloud-config fragment: a mapping, nothing (empty output), or the problem with it. */
    private record Fragment(ObjectNode mapping, String problem) {}

    /** The name under which jinjava hands templates its interpreter: a Java object, and a way around the sandbox. */
    private static final String INTERPRETER_VARIABLE = "____int3rpr3t3r____";

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The VM's context and, made when a template first needs rendering, its interpreter. */
    private final class VmSession {
        private final Map<String, Object> context;
        private JinjavaInterpreter interpreter;

        VmSession(Map<String, Object> context) {
            this.context = context;
        }

        /** One interpreter per VM (setting one up costs more than rendering a small template); each template in its own scope. */
        JinjavaInterpreter interpreter() {
            if (interpreter == null) {
                JinjavaConfig config = jinjava.getGlobalConfig();
                interpreter = new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext(), context, config.getDisabled()), config);
            }
            return interpreter;
        }
    }

    /**
     * A template's output, rendered once per distinct values of the context entries it can read: a template
     * reaches an entry only by naming it (the interpreter variable, the one other way, is refused), so one
     * that never names {@code vm} renders the same for every VM with the same {@code vars}.
     */
    private Rendered render(Parsed parsed, VmSession session) {
        if (!parsed.errors().isEmpty()) {
            return new Rendered("", parsed.errors());
        }
        Map<String, Object> reads = new TreeMap<>();
        session.context.forEach((name, value) -> {
            if (parsed.words().contains(name)) {
                reads.put(name, value);
            }
        });
        return cached(rendered, new Call(parsed.text(), reads), call -> renderTemplate(session.interpreter(), parsed));
    }

    /** The fragment {@code output} parses to, with the problems every VM rendering it would have. */
    private static Fragment fragment(String output) {
        if (carriesSecret(output)) {
            return new Fragment(null, "writes a password or private key into the user data; use the cluster's "
                    + "'access: {sshKeysSecret, passwordsSecret}' so the value stays in a Secret");
        }
        JsonNode node;
        try {
            node = YAML.readTree(output);
        } catch (IOException e) {
            return new Fragment(null, "does not render to YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Fragment(null, null);
        }
        if (!(node instanceof ObjectNode object)) {
            return new Fragment(null, "must render to a cloud-config mapping, got " + node.getNodeType());
        }
        return new Fragment(object, null);
    }

    /** A literal password or private key in rendered output; the cheap test first, as nearly all output has neither. */
    private static boolean carriesSecret(String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        return (lower.contains("passw") || lower.contains("private key")) && LITERAL_SECRET.matcher(output).find();
    }

    /** {@code text} parsed once (see {@link Parsed}). */
    private Parsed parsed(String text) {
        return cached(parsedTemplates, text, source -> {
            Set<String> words = new java.util.HashSet<>();
            WORD.matcher(source).results().forEach(word -> words.add(word.group()));
            boolean namesInterpreter = source.contains(INTERPRETER_VARIABLE);
            JinjavaInterpreter parser = jinjava.newInterpreter();
            try (var current = JinjavaInterpreter.closeablePushCurrent(parser).get()) {
                return new Parsed(source, parser.parse(source), List.copyOf(parser.getErrors()), Set.copyOf(words), namesInterpreter);
            } catch (InterpretException e) {
                return new Parsed(source, null, List.of(TemplateError.fromException(e, e.getLineNumber())), Set.copyOf(words), namesInterpreter);
            }
        });
    }

    /**
     * What {@link Jinjava#renderForResult} does, with the template parsed once: the cached tree rendered in
     * a fresh scope of the VM's interpreter (the same sandbox configuration), so nothing one template sets
     * is seen by the next. Every error counts, warnings too: jinjava reports a recursive macro or a bound it hit
     * as a warning and renders on without what it dropped.
     */
    @SuppressWarnings("try") // the resources only scope the interpreter jinjava looks up as current
    private static Rendered renderTemplate(JinjavaInterpreter interpreter, Parsed parsed) {
        int earlierErrors = interpreter.getErrors().size();
        try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get(); var scope = interpreter.enterScope()) {
            RANGE_ITEMS.get()[0] = 0;
            String output = interpreter.render(parsed.root());
            return new Rendered(output, errorsSince(interpreter, earlierErrors));
        } catch (InterpretException e) {
            return new Rendered("", List.of(TemplateError.fromException(e, e.getLineNumber())));
        } catch (RuntimeException e) {
            // what Jinjava#renderForResult turns into an error too: a refused include, an output over the bound, ...
            return new Rendered("", List.of(TemplateError.fromException(e)));
        }
    }

    private static List<TemplateError> errorsSince(JinjavaInterpreter interpreter, int earlier) {
        List<TemplateError> all = interpreter.getErrors();
        return List.copyOf(all.subList(Math.min(earlier, all.size()), all.size()));
    }

    private static <K, V> V cached(Map<K, V> cache, K key, java.util.function.Function<K, V> compute) {
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
