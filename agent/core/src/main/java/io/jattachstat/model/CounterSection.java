package io.jattachstat.model;

import java.util.List;

/** One section of a counters file ({@code snmp}, {@code netstat}, {@code snmp6}): its name, then fields and values in file order. */
public record CounterSection(String name, List<String> fields, List<Long> values) {
}
