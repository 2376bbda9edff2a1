package io.jattachstat.netstat;

import io.jattachstat.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetstatOptionParserTest {
    private static NetstatOptions parse(String... args) throws UsageException {
        return NetstatOptionParser.parse(List.of(args));
    }

    @Test
    void clusteredShortFlagsAreTheSameAsSeparateOnes() throws Exception {
        NetstatOptions clustered = parse("-tulnp");
        assertThat(clustered.tcp && clustered.udp && clustered.listening && clustered.numericHosts
                && clustered.numericPorts && clustered.numericUsers && clustered.programs).isTrue();
        assertThat(clustered.tables()).containsExactlyInAnyOrder(Protocol.TCP, Protocol.TCP6, Protocol.UDP, Protocol.UDP6);
    }

    @Test
    void noSocketTypeMeansEveryTable() throws Exception {
        assertThat(parse().tables()).isEqualTo(EnumSet.allOf(Protocol.class));
    }

    @Test
    void addressFamilyImpliesItsProtocolsButNotSctp() throws Exception {
        NetstatOptions inet = parse("-A", "inet");
        assertThat(inet.tables()).containsExactlyInAnyOrder(Protocol.TCP, Protocol.UDP, Protocol.UDPLITE, Protocol.RAW);
        assertThat(inet.sctp).isFalse();
        assertThat(parse("-6", "-t").tables()).containsExactly(Protocol.TCP6);
        assertThat(parse("--protocol=unix").tables()).containsExactly(Protocol.UNIX);
        assertThat(parse("-Ainet6,unix").tables()).contains(Protocol.TCP6, Protocol.UNIX).doesNotContain(Protocol.TCP);
    }

    @Test
    void longOptionsMayBeAbbreviated() throws Exception {
        NetstatOptions o = parse("--list", "--numeric-h", "--ext");
        assertThat(o.listening && o.numericHosts && o.extend).isTrue();
        assertThat(o.numericPorts).isFalse();
    }

    @Test
    void numericImpliesNumericUsers() throws Exception {
        assertThat(parse("-n").numericUsers).isTrue();
        assertThat(parse("--numeric-users").numericHosts).isFalse();
    }

    /** Messages are glibc's getopt_long messages, as real netstat printed them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-Q|invalid option -- 'Q'",
        "-tT|invalid option -- 'T'",
        "--foo|unrecognized option '--foo'",
        "--ip6|unrecognized option '--ip6'",
        "--num|option '--num' is ambiguous; possibilities: '--numeric' '--numeric-hosts' '--numeric-ports' '--numeric-users'",
        "-A|option requires an argument -- 'A'",
        "--protocol|option '--protocol' requires an argument",
        "--tcp=1|option '--tcp' doesn't allow an argument"})
    void rejectsWhatGetoptRejectsWithStatus3AndUsage(String arg, String message) {
        assertThatThrownBy(() -> parse(arg)).isInstanceOfSatisfying(UsageException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.status()).isEqualTo(3);
            assertThat(e.showUsage()).isTrue();
        });
    }

    @Test
    void unknownFamilyIsStatus1WithoutUsageOrProgramName() {
        assertThatThrownBy(() -> parse("-A", "foo")).isInstanceOfSatisfying(UsageException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Unknown address family `foo'.");
            assertThat(e.status()).isEqualTo(1);
            assertThat(e.prefixed()).isFalse();
        });
    }

    @Test
    void twoDisplayModesConflict() {
        assertThatThrownBy(() -> parse("-s", "-r")).isInstanceOfSatisfying(UsageException.class,
                e -> assertThat(e.status()).isEqualTo(3));
    }

    @Test
    void operandsMayComeBeforeOrAfterOptionsAndExtrasReachTheirHandler() throws Exception {
        List<String> extras = new ArrayList<>();
        NetstatOptionParser.Parsed p = NetstatOptionParser.parse(List.of("1234", "-tan", "--no-attach", "--", "-x"),
                List.of(new NetstatOptionParser.Extra("no-attach", false)), (name, arg) -> extras.add(name));
        assertThat(p.operands()).containsExactly("1234", "-x");
        assertThat(extras).containsExactly("no-attach");
        assertThat(p.options().all).isTrue();
    }

    /** A valid argument for each long option that takes one. */
    private static final java.util.Map<String, String> ARGUMENTS = java.util.Map.of("protocol", "inet",
            "state", "established", "port", "80", "local", "127.0.0.1", "remote", "127.0.0.1:80", "top", "3");

    /**
     * GNU getopt_long: every unambiguous prefix of a long option is that option, with the same effect
     * (an exact name wins; prefixes shared only by one option's aliases are not ambiguous); the
     * ambiguous ones are usage errors.
     */
    @Test
    void everyUnambiguousPrefixOfEveryLongOptionIsThatOption() {
        int checked = 0;
        for (Getopt.LongOption option : NetstatOptionParser.NETSTAT_LONG_OPTIONS) {
            List<String> full = withArgument("--" + option.name(), option);
            Object expected = outcome(full);
            for (int length = 1; length < option.name().length(); length++) {
                String prefix = option.name().substring(0, length);
                List<String> typed = withArgument("--" + prefix, option);
                Getopt.LongOption meant = meant(prefix);
                if (meant != null && meant.key().equals(option.key())) {
                    assertThat(outcome(typed)).as(typed.toString()).usingRecursiveComparison()
                            .ignoringFields("words").isEqualTo(expected);
                    checked++;
                } else if (meant == null) {
                    assertThatThrownBy(() -> NetstatOptionParser.parse(typed)).as(typed.toString())
                            .isInstanceOf(UsageException.class).hasMessageContaining("is ambiguous");
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    /** The options, or (for a family netstat refuses, such as --bluetooth) its message. */
    private static Object outcome(List<String> words) {
        try {
            return NetstatOptionParser.parse(words);
        } catch (UsageException e) {
            return e.getMessage() + " / " + e.status();
        }
    }

    private static List<String> withArgument(String word, Getopt.LongOption option) {
        return option.takesArgument() ? List.of(word, ARGUMENTS.get(option.name())) : List.of(word);
    }

    /** The option {@code --prefix} names: the one of that name, or the only one it starts; null if ambiguous. */
    private static Getopt.LongOption meant(String prefix) {
        List<Getopt.LongOption> matches = NetstatOptionParser.NETSTAT_LONG_OPTIONS.stream()
                .filter(o -> o.name().startsWith(prefix)).toList();
        for (Getopt.LongOption o : matches) {
            if (o.name().equals(prefix)) {
                return o;
            }
        }
        return matches.stream().map(o -> o.key() + o.takesArgument()).distinct().count() == 1 ? matches.get(0) : null;
    }
}
