package io.jattachstat.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's hold on the hook gate that the boot package registered at start (the gate lives in
 * the application's class loader, which the agent's own loader does not see): JDK interfaces only.
 *
 * @param open   hands Byte Buddy's transformer to the gate: it weaves hooked classes with it from now
 *               on, lets waiting threads go, and retransforms the hooked classes already loaded
 * @param giveUp the hooks will not come (they failed, or the agent did): nobody waits any more
 * @param waited how long the application's first socket classes waited for the hooks; "" if none did
 */
public record GateLink(Consumer<ClassFileTransformer> open, Runnable giveUp, Supplier<String> waited) {
}
