package dev.pulse.render.tree;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code pulse:check} prints when the committed tree is stale: a unified diff per file (committed
 * → rendered), cut after {@code maxLines} lines with a count of what was left out, so a CI log stays
 * readable however large the change.
 */
public final class TreeDiff {

    private TreeDiff() {}

    /**
     * The diff between the directory and the tree, as {@link TreeWriter#plan} found it.
     *
     * @param maxLines most diff lines to print
     */
    public static String of(TreeWriter writer, Tree tree, TreeWriter.Plan plan, int maxLines) throws IOException {
        SortedSet<String> changed = new TreeSet<>();
        changed.addAll(plan.write());
        changed.addAll(plan.prune());
        changed.addAll(plan.edited());
        changed.addAll(plan.foreignConflicts());
        List<String> lines = new ArrayList<>();
        int files = 0;
        for (String path : changed) {
            if (lines.size() >= maxLines) {
                break;
            }
            files++;
            List<String> before = lines(writer.output().resolve(path));
            byte[] rendered = tree.files().get(path);
            List<String> after = rendered == null ? List.of() : new String(rendered, StandardCharsets.UTF_8).lines().toList();
            Patch<String> patch = DiffUtils.diff(before, after);
            String from = before.isEmpty() && !Files.exists(writer.output().resolve(path)) ? "/dev/null" : "a/" + path;
            String to = rendered == null ? "/dev/null" : "b/" + path;
            lines.addAll(UnifiedDiffUtils.generateUnifiedDiff(from, to, before, patch, 3));
        }
        StringBuilder out = new StringBuilder();
        lines.stream().limit(maxLines).forEach(line -> out.append(line).append('\n'));
        if (lines.size() > maxLines || files < changed.size()) {
            out.append("... diff cut after ").append(maxLines).append(" lines; ").append(changed.size()).append(" files differ in all\n");
        }
        return out.toString();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).lines().toList() : List.of();
    }
}
