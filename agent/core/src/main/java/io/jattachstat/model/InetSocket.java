package io.jattachstat.model;

/**
 * One line of {@code /proc/<pid>/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}}, decoded.
 *
 * @param protocol      which file the line came from
 * @param local         local address and port
 * @param remote        remote address and port (port 0 for listeners; for raw sockets the "port" is the
 *                      IP protocol number)
 * @param state         the kernel's {@code st} field (TCP state 1..11; UDP 1 connected, 7 unconnected)
 * @param sendQueue     {@code tx_queue}: bytes (TCP) or memory (UDP/raw) waiting to be sent
 * @param receiveQueue  {@code rx_queue}: unread bytes (TCP), accept-queue length (TCP LISTEN), or memory
 * @param timerCode     {@code tr}: 0 off, 1 retransmit, 2 keepalive, 3 timewait, 4 zero-window probe
 * @param timerTicks    {@code tm->when} in USER_HZ ticks (1/100 s)
 * @param retransmits   {@code retrnsmt}
 * @param uid           owner uid
 * @param probes        the {@code timeout} column (probes sent)
 * @param inode         socket inode; 0 for sockets no process holds (TIME_WAIT, un-accepted, orphans)
 * @param fd            the owning process's file descriptor for this inode, or -1 if not known
 */
public record InetSocket(Protocol protocol, InetEndpoint local, InetEndpoint remote, int state,
                         long sendQueue, long receiveQueue, int timerCode, long timerTicks,
                         long retransmits, int uid, int probes, long inode, int fd) {
}
