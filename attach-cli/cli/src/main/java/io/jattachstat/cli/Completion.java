package io.jattachstat.cli;

import io.jattachstat.Version;
import io.jattachstat.netstat.SocketFilter;

import java.util.StringJoiner;

/**
 * {@code jattachstat --completion bash}: a bash completion function made from the option table.
 * It completes options, the states --state takes, and in place of the pid the pids of the JVMs
 * jattachstat itself lists (run with no arguments, which reads /proc and attaches to nothing).
 */
final class Completion {
    private Completion() {
    }

    static String bash(OptionTable table) {
        StringJoiner options = new StringJoiner(" ");
        table.names().forEach(options::add);
        String states = String.join(" ", SocketFilter.states());
        return """
                # bash completion for jattachstat: eval "$(jattachstat --completion bash)", or save it as
                # /etc/bash_completion.d/jattachstat (made by jattachstat %s from its option table)
                _jattachstat() {
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} word
                    case $prev in
                        --state) COMPREPLY=($(compgen -W "%s" -- "$cur")); return ;;
                        --completion) COMPREPLY=($(compgen -W "bash" -- "$cur")); return ;;
                        --port|--local|--remote|--top|-A|--protocol) return ;;
                    esac
                    if [[ $cur == -* ]]; then
                        COMPREPLY=($(compgen -W "%s" -- "$cur"))
                        [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace
                        return
                    fi
                    for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
                        [[ $word =~ ^[0-9]+$ ]] && return # the pid is given
                    done
                    # The JVMs jattachstat lists: "<pid> <main class> [agent]" a line.
                    COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" 2>/dev/null | cut -d ' ' -f 1)" -- "$cur"))
                }
                complete -F _jattachstat jattachstat
                """.formatted(Version.get(), states, options);
    }
}
