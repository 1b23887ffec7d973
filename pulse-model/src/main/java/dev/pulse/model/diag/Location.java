package dev.pulse.model.diag;

/**
 * Where a value stands in a source file: printed as {@code file:line:column}, both 1-based, the form
 * compilers use so that editors and CI logs turn it into a link.
 *
 * @param file the file as the user named it (relative paths stay relative)
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(String file, int line, int column) implements Comparable<Location> {

    /** A location for problems that belong to a whole file rather than one value in it. */
    public static Location of(String file) {
        return new Location(file, 1, 1);
    }

    @Override
    public int compareTo(Location other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
