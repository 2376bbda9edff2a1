package io.jattachstat.instrument;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

/**
 * One logical hook: advice for the methods {@code methods} of the classes {@code types}.
 *
 * @param name      what it is for, as the Agent MBean and {@code --agent} report it
 * @param jdkTypes  the JDK classes it may apply to (any that exist on this JDK are loaded and
 *                  retransformed at install); empty for hooks on application classes
 * @param types     which classes to transform
 * @param methods   which of their declared methods or constructors get the advice
 * @param advice    binary name of the advice class (read as bytes, never loaded)
 * @param exitAdvice binary name of a second class holding the exit advice, or null when
 *                  {@code advice} holds both (entry pieces that share one exit)
 */
public record Hook(String name, List<String> jdkTypes, ElementMatcher<TypeDescription> types,
                   ElementMatcher<MethodDescription> methods, String advice, String exitAdvice) {
    public Hook(String name, List<String> jdkTypes, ElementMatcher<TypeDescription> types,
                ElementMatcher<MethodDescription> methods, String advice) {
        this(name, jdkTypes, types, methods, advice, null);
    }
}
