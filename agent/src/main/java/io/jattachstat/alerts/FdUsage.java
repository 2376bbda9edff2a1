package io.jattachstat.alerts;

/** The process's open file descriptors and its limit on them (RLIMIT_NOFILE's soft value). */
public record FdUsage(long open, long max) {
    /** What the JVM itself reports; max -1 where it cannot tell. */
    public static FdUsage ofThisProcess() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new FdUsage(unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount());
        }
        return new FdUsage(-1, -1);
    }
}
