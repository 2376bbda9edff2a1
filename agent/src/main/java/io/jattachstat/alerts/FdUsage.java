package io.jattachstat.alerts;

/** The process's open file descriptors and its limit on them (RLIMIT_NOFILE's soft value). */
public record FdUsage(long open, long max) {
    /**
     * The open fds the snapshot counted as it read /proc/self/fd (no second listing), against the limit
     * the JVM reports (a getrlimit call); max -1 where it cannot tell.
     */
    public static FdUsage of(io.jattachstat.model.SocketTable snapshot) {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long max = os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
        return new FdUsage(snapshot.openFds(), snapshot.openFds() < 0 ? -1 : max);
    }
}
