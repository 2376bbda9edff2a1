package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the name databases netstat consults through libc: {@code hosts}, {@code services},
 * {@code protocols} and {@code passwd}. A missing or unreadable file is an empty table.
 *
 * <p>Which entry wins follows netstat, not libc: netstat loads services and protocols into lists it
 * prepends to, so for a port listed twice the <em>last</em> line wins; {@code gethostbyaddr} and
 * {@code getpwuid} return the <em>first</em> match.
 */
final class EtcFiles {
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private EtcFiles() {
    }

    /** "proto/port" to service name, last entry winning. */
    static Map<String, String> services(Path file) {
        Map<String, String> byPortAndProtocol = new HashMap<>();
        for (String[] f : records(file)) {
            if (f.length < 2) {
                continue;
            }
            int slash = f[1].indexOf('/');
            if (slash > 0) {
                byPortAndProtocol.put(f[1].substring(slash + 1) + "/" + f[1].substring(0, slash), f[0]);
            }
        }
        return byPortAndProtocol;
    }

    /** Protocol number (as text) to name, last entry winning. */
    static Map<String, String> protocols(Path file) {
        Map<String, String> byNumber = new HashMap<>();
        for (String[] f : records(file)) {
            if (f.length >= 2) {
                byNumber.put(f[1], f[0]);
            }
        }
        return byNumber;
    }

    /** Numeric address text (as {@link AddressText} writes it) to the first canonical name. */
    static Map<String, String> hosts(Path file) {
        Map<String, String> byAddress = new HashMap<>();
        for (String[] f : records(file)) {
            if (f.length < 2) {
                continue;
            }
            String key = canonicalAddress(f[0]);
            if (key != null) {
                byAddress.putIfAbsent(key, f[1]);
            }
        }
        return byAddress;
    }

    /**
     * IPv4 network number (host order) to the first name in /etc/networks. As glibc does, a number of
     * fewer than four parts ("10.20") is padded with zero parts ("10.20.0.0").
     */
    static Map<Integer, String> networks(Path file) {
        Map<Integer, String> byNumber = new HashMap<>();
        for (String[] f : records(file)) {
            if (f.length < 2 || !f[1].matches("\\d{1,3}(\\.\\d{1,3}){0,3}")) {
                continue;
            }
            String[] parts = f[1].split("\\.");
            int number = 0;
            for (int i = 0; i < 4; i++) {
                number = (number << 8) | (i < parts.length ? Integer.parseInt(parts[i]) & 0xff : 0);
            }
            byNumber.putIfAbsent(number, f[0]);
        }
        return byNumber;
    }

    /** uid (as text) to the first user name. */
    static Map<String, String> users(Path file) {
        Map<String, String> byUid = new HashMap<>();
        for (String line : lines(file)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty()) {
                byUid.putIfAbsent(f[2], f[0]);
            }
        }
        return byUid;
    }

    /** The address in AddressText's form, or null if the text is not a numeric address. */
    static String canonicalAddress(String text) {
        boolean numeric = text.indexOf(':') >= 0 ? text.matches("[0-9A-Fa-f:.]+")
                : text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!numeric) {
            return null; // never hand a name to InetAddress: that would start a DNS lookup
        }
        try {
            return AddressText.numeric(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Non-comment lines split into blank-separated fields. */
    private static List<String[]> records(Path file) {
        List<String[]> records = new ArrayList<>();
        for (String line : lines(file)) {
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!content.isEmpty()) {
                records.add(BLANKS.split(content));
            }
        }
        return records;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
    }
}
