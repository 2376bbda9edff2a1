package io.jattachstat.netstat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses netstat's command line (net-tools 2.10: {@code A:CFMacdeghilnNoprsStuUvVWw2fx64?Z} and its
 * long options) into {@link NetstatOptions}. Callers may add long options of their own; those are
 * passed to their handler and never reach netstat's flags.
 */
public final class NetstatOptionParser {
    private static final String SHORT_OPTIONS = "A:CFMacdeghilnNoprsStuUvVWw2fx64?Z";

    /** Package-visible for the tests that walk every long option. */
    static final List<Getopt.LongOption> NETSTAT_LONG_OPTIONS = List.of(
            family("ax25"), family("x25"), family("ip"), family("ipx"), family("appletalk"), family("netrom"),
            family("inet"), family("inet6"), family("ddp"), family("unix"), family("tcpip"), family("rose"),
            family("bluetooth"),
            flag("version", "V"), flag("interfaces", "i"), flag("help", "h"), flag("route", "r"),
            flag("masquerade", "M"), new Getopt.LongOption("protocol", true, "A"), flag("tcp", "t"),
            flag("sctp", "S"), flag("udp", "u"), flag("udplite", "U"), flag("raw", "w"), flag("unix", "x"),
            flag("l2cap", "2"), flag("rfcomm", "f"), flag("listening", "l"), flag("all", "a"),
            flag("timers", "o"), flag("continuous", "c"), flag("extend", "e"), flag("programs", "p"),
            flag("verbose", "v"), flag("statistics", "s"), flag("wide", "W"), flag("numeric", "n"),
            flag("numeric-hosts", "numeric-hosts"), flag("numeric-ports", "numeric-ports"),
            flag("numeric-users", "numeric-users"), flag("symbolic", "N"), flag("cache", "C"), flag("fib", "F"),
            flag("groups", "g"), flag("context", "Z"),
            // jattachstat's own view options: they travel to the agent with netstat's.
            view("state", true), view("port", true), view("local", true), view("remote", true),
            view("summary", false), view("top", true), view("json", false), view("tcp-info", false),
            view("quote-controls", false));

    /** A long option a caller adds to netstat's (for example the CLI's {@code --no-attach}). */
    public record Extra(String name, boolean takesArgument) {
    }

    /** Receives the caller's own options. */
    public interface ExtraHandler {
        void option(String name, String argument) throws UsageException;
    }

    /**
     * The result: netstat's options (which keep the words they came from, to hand to an agent as they
     * were typed) and the operands (PIDs, or ignored extras as netstat ignores them).
     */
    public record Parsed(NetstatOptions options, List<String> operands) {
    }

    private NetstatOptionParser() {
    }

    public static NetstatOptions parse(List<String> args) throws UsageException {
        return parse(args, List.of(), null).options();
    }

    /** Parses options given as one string of blank-separated words, e.g. "-tlnp" or "-A inet -an". */
    public static NetstatOptions parse(String args) throws UsageException {
        return parse(words(args));
    }

    /** Blank-separated words: the MBean operation takes its options as one string. */
    public static List<String> words(String args) {
        String trimmed = args == null ? "" : args.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    public static Parsed parse(List<String> args, List<Extra> extras, ExtraHandler extraHandler)
            throws UsageException {
        List<Getopt.LongOption> longOptions = new ArrayList<>(NETSTAT_LONG_OPTIONS);
        for (Extra e : extras) {
            longOptions.add(new Getopt.LongOption(e.name(), e.takesArgument(), "extra:" + e.name()));
        }
        Flags flags = new Flags(extraHandler);
        Getopt.Result words = new Getopt(SHORT_OPTIONS, longOptions).parse(args, flags, "extra:");
        if (flags.interfaces + flags.route + flags.masquerade + flags.statistics > 1) {
            throw new UsageException(null, 3, true);
        }
        flags.checkViewOptions();
        return new Parsed(new NetstatOptions(flags, words.passedOn()), words.operands());
    }

    private static Getopt.LongOption flag(String name, String key) {
        return new Getopt.LongOption(name, false, key);
    }

    private static Getopt.LongOption view(String name, boolean takesArgument) {
        return new Getopt.LongOption(name, takesArgument, "view:" + name);
    }

    private static Getopt.LongOption family(String name) {
        return new Getopt.LongOption(name, false, "family:" + name);
    }

    /** netstat's flag_* variables while options are read. */
    static final class Flags implements Getopt.Handler {
        private final ExtraHandler extraHandler;
        boolean all;
        boolean listening;
        boolean numericHosts;
        boolean numericPorts;
        boolean numericUsers;
        boolean wide;
        boolean programs;
        boolean timers;
        boolean continuous;
        boolean verbose;
        boolean groups;
        boolean help;
        boolean version;
        int extend;
        boolean symbolic;
        boolean fib;
        boolean cache;
        int interfaces;
        int route;
        int masquerade;
        int statistics;
        boolean tcp;
        boolean sctp;
        boolean udp;
        boolean udplite;
        boolean raw;
        boolean unix;
        boolean inet;
        boolean inet6;
        final Set<NetstatOptions.OtherFamily> otherFamilies = EnumSet.noneOf(NetstatOptions.OtherFamily.class);
        String stateFilter;
        String portFilter;
        String localFilter;
        String remoteFilter;
        boolean summary;
        int top = 20;
        boolean json;
        boolean tcpInfo;
        boolean quoteControls;
        SocketFilter filter;
        /** The families named (-A, -4, -6, -x, --inet, ...), in order, as netstat names them in messages. */
        final List<String> familyNames = new ArrayList<>();

        Flags(ExtraHandler extraHandler) {
            this.extraHandler = extraHandler;
        }

        @Override
        public void option(String key, String argument) throws UsageException {
            if (key.startsWith("extra:")) {
                extraHandler.option(key.substring(6), argument);
            } else {
                apply(key, argument);
            }
        }

        NetstatOptions.Mode mode() {
            if (help) {
                return NetstatOptions.Mode.HELP;
            }
            if (version) {
                return NetstatOptions.Mode.VERSION;
            }
            if (masquerade > 0) {
                return NetstatOptions.Mode.MASQUERADE;
            }
            if (statistics > 0) {
                return NetstatOptions.Mode.STATISTICS;
            }
            if (route > 0) {
                return NetstatOptions.Mode.ROUTE;
            }
            if (interfaces > 0) {
                return NetstatOptions.Mode.INTERFACES;
            }
            return NetstatOptions.Mode.SOCKETS;
        }

        void apply(String key, String argument) throws UsageException {
            if (key.startsWith("view:")) {
                viewOption(key.substring(5), argument);
                return;
            }
            if (key.startsWith("family:")) {
                family(key.substring(7));
                return;
            }
            switch (key) {
                case "A" -> {
                    for (String name : argument.split(",", -1)) {
                        family(name);
                    }
                }
                case "a" -> all = true;
                case "l" -> listening = true;
                case "c" -> continuous = true;
                case "e" -> extend++;
                case "p" -> programs = true;
                case "o" -> timers = true;
                case "W" -> wide = true;
                case "v" -> verbose = true;
                case "n" -> numericHosts = numericPorts = numericUsers = true;
                case "numeric-hosts" -> numericHosts = true;
                case "numeric-ports" -> numericPorts = true;
                case "numeric-users" -> numericUsers = true;
                case "t" -> tcp = true;
                case "S" -> sctp = true;
                case "u" -> udp = true;
                case "U" -> udplite = true;
                case "w" -> raw = true;
                case "x" -> family("unix");
                case "4" -> family("inet");
                case "6" -> family("inet6");
                case "g" -> groups = true;
                case "i" -> interfaces++;
                case "r" -> route++;
                case "M" -> masquerade++;
                case "s" -> statistics++;
                case "V" -> version = true;
                case "h", "?" -> help = true;
                case "Z" -> throw UsageException.unprefixed("SELinux is not enabled on this machine.", 1);
                case "2", "f" -> throw bluetooth();
                case "N" -> symbolic = true;
                case "F" -> fib = true;
                case "C" -> cache = true;
                default -> {
                    // -d and the like: accepted as netstat accepts them, with no effect here.
                }
            }
        }

        private void viewOption(String name, String argument) throws UsageException {
            switch (name) {
                case "state" -> stateFilter = argument;
                case "port" -> portFilter = argument;
                case "local" -> localFilter = argument;
                case "remote" -> remoteFilter = argument;
                case "summary" -> summary = true;
                case "json" -> json = true;
                case "tcp-info" -> tcpInfo = true;
                case "quote-controls" -> quoteControls = true;
                case "top" -> {
                    if (!argument.matches("\\d{1,6}") || Integer.parseInt(argument) < 1) {
                        throw new UsageException("bad number '" + argument + "' for --top (1 or more)", 3, false);
                    }
                    top = Integer.parseInt(argument);
                }
                default -> throw new IllegalStateException(name);
            }
        }

        /** What only makes sense together, checked once every option is read. */
        void checkViewOptions() throws UsageException {
            if (stateFilter != null || portFilter != null || localFilter != null || remoteFilter != null) {
                filter = SocketFilter.of(stateFilter, portFilter, localFilter, remoteFilter);
                if (mode() != NetstatOptions.Mode.SOCKETS) {
                    throw new UsageException("--state, --port, --local and --remote filter sockets; they do not go"
                            + " with -s, -r, -i or -M", 3, false);
                }
            }
            if (json && continuous) {
                throw new UsageException("--json does not go with -c (one JSON document per run)", 3, false);
            }
            if (summary && mode() != NetstatOptions.Mode.SOCKETS) {
                throw new UsageException("--summary does not go with -s, -r, -i or -M", 3, false);
            }
            if (tcpInfo && (summary || mode() != NetstatOptions.Mode.SOCKETS)) {
                throw new UsageException("--tcp-info goes with the socket views (-t, -a, -l, ...), not with"
                        + " --summary, -s, -r, -i or -M", 3, false);
            }
        }

        private void family(String name) throws UsageException {
            familyNames.add(switch (name) {
                case "ip", "tcpip" -> "inet";
                case "appletalk" -> "ddp";
                default -> name;
            });
            switch (name) {
                case "inet", "ip", "tcpip" -> inet = true;
                case "inet6" -> inet6 = true;
                case "unix" -> unix = true;
                case "ipx" -> otherFamilies.add(NetstatOptions.OtherFamily.IPX);
                case "ax25" -> otherFamilies.add(NetstatOptions.OtherFamily.AX25);
                case "x25" -> otherFamilies.add(NetstatOptions.OtherFamily.X25);
                case "netrom" -> otherFamilies.add(NetstatOptions.OtherFamily.NETROM);
                case "rose" -> otherFamilies.add(NetstatOptions.OtherFamily.ROSE);
                case "ddp", "appletalk", "econet", "ash" -> {
                    // Known to netstat, but no socket listing exists for them.
                }
                case "bluetooth" -> throw bluetooth();
                default -> throw UsageException.unprefixed("Unknown address family `" + name + "'.", 1);
            }
        }

        private static UsageException bluetooth() {
            return new UsageException("feature `AF BLUETOOTH' not supported.\n"
                    + "Please recompile `net-tools' with newer kernel source or full configuration.", 1, false);
        }
    }
}
