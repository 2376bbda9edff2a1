package io.jattachstat.netstat;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU {@code getopt_long} as netstat's users know it: clustered short flags ({@code -tulnp}),
 * attached or separate arguments ({@code -Ainet}, {@code -A inet}, {@code --protocol=inet}), unique
 * prefixes of long options ({@code --list}), {@code --} ending the options, and options after
 * operands (argument permutation). Error messages are glibc's, without the program name.
 */
final class Getopt {
    /** A long option; {@code key} is what the handler receives (a short letter for aliases). */
    record LongOption(String name, boolean takesArgument, String key) {
    }

    interface Handler {
        void option(String key, String argument) throws UsageException;
    }

    private final String shortOptions;
    private final List<LongOption> longOptions;

    Getopt(String shortOptions, List<LongOption> longOptions) {
        this.shortOptions = shortOptions;
        this.longOptions = List.copyOf(longOptions);
    }

    /** The operands, and the option words whose keys the caller asked to have passed on. */
    record Result(List<String> operands, List<String> passedOn) {
    }

    /**
     * Feeds every option to the handler in order. Option words (with a separate argument word) go to
     * {@code passedOn} unless their key starts with {@code keepPrefix}.
     */
    Result parse(List<String> args, Handler handler, String keepPrefix) throws UsageException {
        List<String> operands = new ArrayList<>();
        List<String> passedOn = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int from = i;
            if (arg.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            } else if (arg.startsWith("--")) {
                i = longOption(args, i, handler, keepPrefix);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = shortOptions(args, i, handler);
            } else {
                operands.add(arg);
                continue;
            }
            if (!lastKeyKept) {
                passedOn.addAll(args.subList(from, i + 1));
            }
        }
        return new Result(operands, passedOn);
    }

    /** Whether the option just parsed is one the caller keeps to itself (not passed on). */
    private boolean lastKeyKept;

    private int longOption(List<String> args, int i, Handler handler, String keepPrefix) throws UsageException {
        String body = args.get(i).substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        LongOption option = find(name, args.get(i));
        String argument = eq < 0 ? null : body.substring(eq + 1);
        if (option.takesArgument()) {
            if (argument == null) {
                if (i + 1 >= args.size()) {
                    throw UsageException.usage("option '--" + option.name() + "' requires an argument");
                }
                argument = args.get(++i);
            }
        } else if (argument != null) {
            throw UsageException.usage("option '--" + option.name() + "' doesn't allow an argument");
        }
        handler.option(option.key(), argument);
        lastKeyKept = option.key().startsWith(keepPrefix);
        return i;
    }

    private LongOption find(String name, String arg) throws UsageException {
        List<LongOption> matches = new ArrayList<>();
        for (LongOption o : longOptions) {
            if (o.name().equals(name)) {
                return o;
            }
            if (o.name().startsWith(name)) {
                matches.add(o);
            }
        }
        if (matches.isEmpty() || name.isEmpty()) {
            throw UsageException.usage("unrecognized option '" + arg + "'");
        }
        if (matches.size() > 1) {
            StringBuilder message = new StringBuilder("option '").append(arg.split("=", 2)[0])
                    .append("' is ambiguous; possibilities:");
            for (LongOption o : matches) {
                message.append(" '--").append(o.name()).append('\'');
            }
            throw UsageException.usage(message.toString());
        }
        return matches.get(0);
    }

    private int shortOptions(List<String> args, int i, Handler handler) throws UsageException {
        lastKeyKept = false;
        String cluster = args.get(i);
        for (int j = 1; j < cluster.length(); j++) {
            char c = cluster.charAt(j);
            int at = c == ':' ? -1 : shortOptions.indexOf(c);
            if (at < 0) {
                throw UsageException.usage("invalid option -- '" + c + "'");
            }
            boolean takesArgument = at + 1 < shortOptions.length() && shortOptions.charAt(at + 1) == ':';
            if (!takesArgument) {
                handler.option(String.valueOf(c), null);
                continue;
            }
            String argument;
            if (j + 1 < cluster.length()) {
                argument = cluster.substring(j + 1);
            } else if (i + 1 < args.size()) {
                argument = args.get(++i);
            } else {
                throw UsageException.usage("option requires an argument -- '" + c + "'");
            }
            handler.option(String.valueOf(c), argument);
            return i;
        }
        return i;
    }
}
