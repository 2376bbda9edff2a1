package io.jattachstat.model;

import java.util.List;

/**
 * What a reader made of one {@code /proc} file: its rows, in file order, and how many lines it
 * skipped because it could not decode them (a reader never throws on a line).
 */
public record ProcRows<T>(List<T> rows, int malformedLines) {
    public ProcRows {
        rows = List.copyOf(rows);
    }

    public static <T> ProcRows<T> empty() {
        return new ProcRows<>(List.of(), 0);
    }
}
