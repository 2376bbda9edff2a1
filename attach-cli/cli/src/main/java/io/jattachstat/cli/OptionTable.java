package io.jattachstat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI's options as data (the resource {@code options.txt}): what --help prints, what the man
 * page documents and what bash completes are made from this one table, so they cannot drift apart.
 */
record OptionTable(List<String> usage, List<Section> sections, List<String> trailer) {
    /** One option: its words as --help prints them ("-v, --verbose", "--state S[,S...]") and its description lines. */
    record Option(String words, List<String> description) {
        /** The option names a shell completes: "-v", "--verbose", "--state", "--resolve-timeout=". */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String w : words.split(", ")) {
                String name = w.split(" ")[0];
                int equals = name.indexOf('=');
                if (name.startsWith("-")) {
                    names.add(equals > 0 ? name.substring(0, equals + 1) : name);
                }
            }
            return names;
        }
    }

    /** A run of options with its heading ("" for none); a null option is a gap. */
    record Section(String heading, List<Option> options) {
    }

    static OptionTable load() {
        try (InputStream in = OptionTable.class.getResourceAsStream("options.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OptionTable parse(String text) {
        List<String> usage = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        List<String> trailer = new ArrayList<>();
        String part = "";
        List<Option> options = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                part = line.substring(1, line.indexOf(']'));
                if (!part.equals("usage") && !part.equals("trailer")) {
                    options = new ArrayList<>();
                    sections.add(new Section(line.substring(line.indexOf(']') + 1).trim(), options));
                }
                continue;
            }
            switch (part) {
                case "usage" -> usage.add(line);
                case "trailer" -> trailer.add(line);
                default -> {
                    if (line.isEmpty()) {
                        options.add(null);
                    } else if (line.startsWith("\t")) {
                        options.get(options.size() - 1).description().add(line.substring(1));
                    } else {
                        int tab = line.indexOf('\t');
                        options.add(new Option(line.substring(0, tab), new ArrayList<>(List.of(line.substring(tab + 1)))));
                    }
                }
            }
        }
        while (!trailer.isEmpty() && trailer.get(trailer.size() - 1).isEmpty()) {
            trailer.remove(trailer.size() - 1);
        }
        return new OptionTable(usage, sections, trailer);
    }

    /** Every option name, in table order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Section s : sections) {
            for (Option o : s.options()) {
                if (o != null) {
                    names.addAll(o.names());
                }
            }
        }
        return names;
    }

    /** --help: the synopsis, then each section's options in two columns, as netstat -h lays them out. */
    String help() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < usage.size(); i++) {
            b.append(i == 0 ? "usage: " : "       ").append(usage.get(i)).append('\n');
        }
        b.append('\n');
        for (Section s : sections) {
            if (!s.heading().isEmpty()) {
                b.append(s.heading()).append('\n');
            }
            for (Option o : s.options()) {
                if (o == null) {
                    b.append('\n');
                    continue;
                }
                List<String> d = o.description();
                b.append(String.format("        %-25s%s\n", o.words(), d.get(0)));
                for (String more : d.subList(1, d.size())) {
                    b.append(" ".repeat(33)).append(more).append('\n');
                }
            }
        }
        trailer.forEach(line -> b.append(line).append('\n'));
        return b.toString();
    }
}
