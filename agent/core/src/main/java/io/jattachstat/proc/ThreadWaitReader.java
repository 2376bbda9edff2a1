package io.jattachstat.proc;

import io.jattachstat.model.BlockedThreads;
import io.jattachstat.model.SelectorWait;
import io.jattachstat.model.ThreadWait;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The threads of a process that are blocked in a socket system call, read from the kernel
 * ({@code /proc/<pid>/task/<tid>/syscall}: the call's number and arguments while the thread sleeps
 * in it; "running" otherwise). x86-64 numbers. What the JDK's socket code blocks in:
 * <ul>
 *   <li>a read, write, accept or connect with no timeout: that call itself, on the socket's fd;</li>
 *   <li>one with a timeout (SO_TIMEOUT, a connect timeout): {@code poll} (JDK 17+) on one
 *       {@code pollfd}, which sits in the process's memory ({@code /proc/<pid>/mem}, readable with the
 *       same rights as the syscall file) and names the fd and the events (POLLIN: read or accept,
 *       POLLOUT: write or connect); the third argument is the timeout in ms;</li>
 *   <li>a selector: {@code epoll_wait}/{@code epoll_pwait}; how many descriptors are registered with
 *       it is the number of {@code tfd:} lines of its {@code /proc/<pid>/fdinfo/<fd>}.</li>
 * </ul>
 * Virtual threads blocked on sockets are parked, in no system call: only an agent could see them.
 * Anything unreadable or unexpected is skipped, never thrown.
 */
public final class ThreadWaitReader {
    private static final int READ = 0, WRITE = 1, POLL = 7, CONNECT = 42, ACCEPT = 43, SENDTO = 44, RECVFROM = 45,
            SENDMSG = 46, RECVMSG = 47, EPOLL_WAIT = 232, PPOLL = 271, EPOLL_PWAIT = 281, ACCEPT4 = 288,
            EPOLL_PWAIT2 = 441;
    private static final int POLLIN = 1, POLLOUT = 4;
    /** The op of a thread in epoll_wait, until it is made a {@link SelectorWait}. */
    private static final String SELECT = "select";

    private ThreadWaitReader() {
    }

    /** The blocked threads of {@code pid} under {@code procRoot}, each list in task order. */
    public static BlockedThreads read(Path procRoot, String pid) {
        Path process = procRoot.resolve(pid);
        List<ThreadWait> waits = new ArrayList<>();
        List<SelectorWait> selectors = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path task : tasks) {
                ThreadWait w = waitOf(process, task);
                if (w == null) {
                    continue;
                }
                if (w.op().equals(SELECT)) {
                    selectors.add(new SelectorWait(w.tid(), w.thread(), w.fd(), registered(process, w.fd())));
                } else {
                    waits.add(w);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or not ours: no threads to show
        }
        waits.sort((a, b) -> Integer.compare(a.tid(), b.tid()));
        selectors.sort((a, b) -> Integer.compare(a.tid(), b.tid()));
        return new BlockedThreads(waits, selectors);
    }

    /** How many descriptors an epoll instance watches: its fdinfo has a "tfd:" line for each. */
    private static int registered(Path process, int epollFd) {
        String info = text(process.resolve("fdinfo").resolve(Integer.toString(epollFd)));
        if (info == null) {
            return -1;
        }
        return (int) info.lines().filter(l -> l.startsWith("tfd:")).count();
    }

    private static ThreadWait waitOf(Path process, Path task) {
        String tidText = task.getFileName().toString();
        if (!Digits.isDigits(tidText, 9)) {
            return null;
        }
        String syscall = text(task.resolve("syscall"));
        if (syscall == null) {
            return null;
        }
        String[] f = syscall.trim().split(" ");
        if (f.length < 7 || !Digits.isDigits(f[0], 4)) {
            return null; // "running", or "-1 sp pc" (not in a syscall)
        }
        long[] arg = new long[6];
        for (int i = 0; i < 6; i++) {
            arg[i] = hex(f[i + 1]);
        }
        int nr = Integer.parseInt(f[0]);
        String op;
        int fd = (int) arg[0];
        long timeout = -1;
        switch (nr) {
            case READ, RECVFROM, RECVMSG -> op = "read";
            case WRITE, SENDTO, SENDMSG -> op = "write";
            case ACCEPT, ACCEPT4 -> op = "accept";
            case CONNECT -> op = "connect";
            case EPOLL_WAIT, EPOLL_PWAIT, EPOLL_PWAIT2 -> op = SELECT;
            case POLL, PPOLL -> {
                if (arg[1] != 1) {
                    return null; // the JDK polls one socket at a time
                }
                ByteBuffer pollfd = memory(process, arg[0], 8);
                if (pollfd == null) {
                    return null;
                }
                fd = pollfd.getInt(0);
                short events = pollfd.getShort(4);
                op = (events & POLLIN) != 0 ? "read" : (events & POLLOUT) != 0 ? "write" : null;
                if (nr == POLL) {
                    timeout = (int) arg[2] < 0 ? -1 : (int) arg[2];
                } else if (arg[2] != 0) {
                    ByteBuffer ts = memory(process, arg[2], 16);
                    timeout = ts == null ? -1 : ts.getLong(0) * 1000 + ts.getLong(8) / 1_000_000;
                }
            }
            default -> op = null;
        }
        if (op == null || fd < 0) {
            return null;
        }
        long inode = FdTableReader.socketInode(process, fd);
        if (inode <= 0 && !op.equals(SELECT)) {
            return null; // a pipe, a file, a terminal: not a socket
        }
        String name = text(task.resolve("comm"));
        return ThreadWait.fromProc(Integer.parseInt(tidText), name == null ? "?" : name.strip(), op, fd,
                Math.max(inode, 0), timeout);
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code length} bytes of the process's memory at {@code address}, little-endian; null if unreadable. */
    private static ByteBuffer memory(Path process, long address, int length) {
        if (address <= 0) {
            return null;
        }
        try (RandomAccessFile mem = new RandomAccessFile(process.resolve("mem").toFile(), "r")) {
            byte[] b = new byte[length];
            mem.seek(address);
            mem.readFully(b);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long hex(String text) {
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
