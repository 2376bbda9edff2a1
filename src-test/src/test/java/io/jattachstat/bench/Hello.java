package io.jattachstat.bench;

/** The smallest JVM run: what any Java CLI pays before doing anything. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
