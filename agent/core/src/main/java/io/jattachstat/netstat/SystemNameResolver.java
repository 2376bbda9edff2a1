package io.jattachstat.netstat;

import io.jattachstat.model.AddressText;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Resolves names the way netstat does, but never hangs: {@code /etc/hosts}, {@code /etc/services},
 * {@code /etc/protocols} and {@code /etc/passwd} are read directly, and only addresses the hosts file
 * does not name go to the system resolver (DNS), on daemon threads, all of one view's lookups in
 * parallel under one deadline. An address not resolved by then prints numerically, where netstat
 * would wait for every PTR query to time out in turn.
 *
 * <p>Results, including "no name", are cached for the life of the resolver.
 */
public final class SystemNameResolver implements NameResolver {
    /** Default wait for all the DNS lookups of one view together. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(300);

    private static final String NO_NAME = "";

    private final Map<String, String> hosts;
    private final Map<String, String> services;
    private final Map<String, String> protocols;
    private final Map<String, String> users;
    private final Map<Integer, String> networks;
    private final Duration deadline;
    private final boolean dnsEnabled;
    private final Map<String, CompletableFuture<String>> dns = new ConcurrentHashMap<>();
    private ExecutorService executor;

    public SystemNameResolver(Path etc, Duration deadline) {
        this(etc, deadline, true);
    }

    /** With {@code dnsEnabled} false only the files are consulted (as netstat with "hosts: files"). */
    public SystemNameResolver(Path etc, Duration deadline, boolean dnsEnabled) {
        this.hosts = EtcFiles.hosts(etc.resolve("hosts"));
        this.services = EtcFiles.services(etc.resolve("services"));
        this.protocols = EtcFiles.protocols(etc.resolve("protocols"));
        this.users = EtcFiles.users(etc.resolve("passwd"));
        this.networks = EtcFiles.networks(etc.resolve("networks"));
        this.deadline = deadline;
        this.dnsEnabled = dnsEnabled;
    }

    public static SystemNameResolver system() {
        return new SystemNameResolver(Path.of("/etc"), DEFAULT_DEADLINE);
    }

    @Override
    public String networkName(int network) {
        return networks.get(network);
    }

    @Override
    public String hostName(byte[] address) {
        String key = AddressText.numeric(address);
        String fromFile = hosts.get(key);
        if (fromFile != null || !dnsEnabled) {
            return fromFile;
        }
        CompletableFuture<String> lookup = startLookup(key, address);
        String name = lookup.getNow(null);
        if (name == null) {
            try {
                name = lookup.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                lookup.complete(NO_NAME); // remember the miss; a late answer is ignored
                name = NO_NAME;
            }
        }
        return name.isEmpty() ? null : name;
    }

    @Override
    public void prefetchHosts(Collection<byte[]> addresses) {
        if (!dnsEnabled) {
            return;
        }
        CompletableFuture<?>[] started = addresses.stream()
                .filter(a -> !hosts.containsKey(AddressText.numeric(a)))
                .map(a -> startLookup(AddressText.numeric(a), a))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(started).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            for (CompletableFuture<?> f : started) {
                @SuppressWarnings("unchecked")
                CompletableFuture<String> lookup = (CompletableFuture<String>) f;
                lookup.complete(NO_NAME);
            }
        }
    }

    @Override
    public String serviceName(int port, String protocol) {
        if ("raw".equals(protocol)) {
            String name = protocols.get(Integer.toString(port));
            return name != null ? name : services.get("raw/" + port);
        }
        return services.get(protocol + "/" + port);
    }

    @Override
    public String userName(int uid) {
        return users.get(Integer.toUnsignedString(uid));
    }

    private CompletableFuture<String> startLookup(String key, byte[] address) {
        return dns.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(reverseLookup(address), executor()));
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "jattachstat-dns");
                t.setDaemon(true); // an unanswered PTR query must not keep the JVM alive
                return t;
            });
        }
        return executor;
    }

    /**
     * A reverse lookup through the system resolver. Mapped IPv4 addresses stay numeric: glibc's
     * getnameinfo finds no hosts entry for {@code ::ffff:a.b.c.d}, and netstat then prints a.b.c.d.
     */
    private static Supplier<String> reverseLookup(byte[] address) {
        return () -> {
            if (AddressText.isV4Mapped(address)) {
                return NO_NAME;
            }
            try {
                InetAddress inet = InetAddress.getByAddress(address);
                String name = inet.getCanonicalHostName();
                return name.equals(inet.getHostAddress()) ? NO_NAME : name;
            } catch (UnknownHostException | RuntimeException e) {
                return NO_NAME;
            }
        };
    }
}
