package io.jattachstat.origins;

/** The Java API a socket was opened through. */
public enum SocketKind {
    SOCKET("Socket", true, false),
    SERVER_SOCKET("ServerSocket", true, true),
    SOCKET_CHANNEL("SocketChannel", true, false),
    SERVER_SOCKET_CHANNEL("ServerSocketChannel", true, true),
    ASYNC_SOCKET_CHANNEL("AsynchronousSocketChannel", true, false),
    ASYNC_SERVER_SOCKET_CHANNEL("AsynchronousServerSocketChannel", true, true),
    DATAGRAM_SOCKET("DatagramSocket", false, false),
    DATAGRAM_CHANNEL("DatagramChannel", false, false),
    NETTY("Netty", true, false);

    private final String label;
    private final boolean stream;
    private final boolean listener;

    SocketKind(String label, boolean stream, boolean listener) {
        this.label = label;
        this.stream = stream;
        this.listener = listener;
    }

    public String label() {
        return label;
    }

    /** Stream sockets are the ones whose closes leave TIME_WAIT behind. */
    public boolean stream() {
        return stream;
    }

    public boolean listener() {
        return listener;
    }
}
