package io.jattachstat.snapshot;

import com.sun.jna.Pointer;

/**
 * The C functions the per-fd reads call thousands of times a check, bound with JNA's direct mapping
 * (static natives, several times cheaper per call than an interface's proxy) and given native memory
 * ({@link SocketCalls}'s), so that no Java array is copied in or out per call: measured by
 * {@code bench/idle-bench.sh}. {@link NativeLibc} registers them when it loads JNA; nothing calls
 * them before.
 */
final class DirectLibc {
    private DirectLibc() {
    }

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    static native int getsockname(int fd, Pointer address, Pointer length);

    /**
     * {@code syscall(number, fd, buffer)}: fstat without glibc's {@code fstat} symbol, which glibc
     * exports only from 2.33 (an application's older base image would fail the whole binding).
     */
    static native long syscall(long number, long fd, Pointer buffer);

    /** {@code ioctl(fd, request, int *)}; the request is C's unsigned long (64 bits here). */
    static native int ioctl(int fd, long request, Pointer argument);
}
