package io.jattachstat.options;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AgentOptionsTest {
    @Test
    void defaultsWhenNothingIsGiven() {
        AgentOptions o = AgentOptions.parse(null);
        assertThat(o.inForce()).isEqualTo("refresh=1000,control=true,jna=auto,mbeanDelay=0,hookWait=10000,proc=/proc,origins=true,waits=true,stacks=sampled,sampleEvery=16,walksPerSecond=1000,stackDepth=16,maxSockets=100000,maxStacks=4096,closeRing=65536,originSkip=io.netty.,micrometer=true,opentelemetry=true,listenerMeters=true,check=5000,alertAcceptQueue=0.8,alertCloseWait=100,alertFds=0.9,alertBlocked=60,alertHysteresis=0.2");
        assertThat(o.errors()).isEmpty();
    }

    @Test
    void validValuesAreTaken() {
        AgentOptions o = AgentOptions.parse("refresh=250, control=false,jna=true,mbeanDelay=5000,proc=/host/proc");
        assertThat(o.refresh()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.control()).isFalse();
        assertThat(o.jna()).isEqualTo("true");
        assertThat(o.mbeanDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.procRoot()).isEqualTo("/host/proc");
        assertThat(o.errors()).isEmpty();
    }

    @Test
    void originOptions() {
        AgentOptions o = AgentOptions.parse("stacks=always,sampleEvery=100,stackDepth=8,maxSockets=50,maxStacks=20,"
                + "closeRing=1000,originSkip=io.netty.|org.acme.");
        assertThat(o.errors()).isEmpty();
        assertThat(o.stacks()).isEqualTo("always");
        assertThat(o.sampleEvery()).isEqualTo(100);
        assertThat(o.stackDepth()).isEqualTo(8);
        assertThat(o.maxSockets()).isEqualTo(50);
        assertThat(o.maxStacks()).isEqualTo(20);
        assertThat(o.closeRing()).as("rounded down to a power of two").isEqualTo(512);
        assertThat(o.originSkip()).containsExactly("io.netty.", "org.acme.");
        assertThat(AgentOptions.parse("stacks=sometimes,origins=no").errors()).containsExactly(
                "bad value 'sometimes' for agent option 'stacks'; using sampled",
                "bad value 'no' for agent option 'origins'; using true");
    }

    @Test
    void metricsAndAlertOptions() {
        AgentOptions o = AgentOptions.parse("micrometer=false,opentelemetry=false,listenerMeters=false,check=250,alertAcceptQueue=.5,"
                + "alertCloseWait=0,alertFds=1,alertHysteresis=0.125");
        assertThat(o.errors()).isEmpty();
        assertThat(o.micrometer()).isFalse();
        assertThat(o.openTelemetry()).isFalse();
        assertThat(o.listenerMeters()).isFalse();
        assertThat(o.check()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.alertAcceptQueue()).isEqualTo(0.5);
        assertThat(o.alertCloseWait()).isZero();
        assertThat(o.alertFds()).isEqualTo(1.0);
        assertThat(o.alertHysteresis()).isEqualTo(0.125);
        assertThat(AgentOptions.parse("alertFds=1.5,alertAcceptQueue=80%,alertHysteresis=.,check=50,alertCloseWait=-1")
                .errors()).containsExactly(
                "bad value '1.5' for agent option 'alertFds'; using 0.9",
                "bad value '80%' for agent option 'alertAcceptQueue'; using 0.8",
                "bad value '.' for agent option 'alertHysteresis'; using 0.2",
                "bad value '50' for agent option 'check'; using 5000",
                "bad value '-1' for agent option 'alertCloseWait'; using 100");
        assertThat(AgentOptions.parse("alertBlocked=86401,waits=no").errors()).containsExactly(
                "bad value '86401' for agent option 'alertBlocked'; using 60",
                "bad value 'no' for agent option 'waits'; using true");
        assertThat(AgentOptions.parse("alertBlocked=5,waits=false").alertBlocked()).isEqualTo(5);
        assertThat(AgentOptions.parse("waits=false").waits()).isFalse();
    }

    @Test
    void everyProblemIsReportedAndItsDefaultKept() {
        AgentOptions o = AgentOptions.parse("refresh=99,refresh=abc,bogus=1,control=yes,jna,proc=relative");
        assertThat(o.errors()).containsExactly(
                "bad value '99' for agent option 'refresh'; using 1000",
                "bad value 'abc' for agent option 'refresh'; using 1000",
                "unknown agent option 'bogus' (known: refresh, control, jna, mbeanDelay, hookWait, proc, origins, waits, stacks, sampleEvery, walksPerSecond, stackDepth, "
                        + "maxSockets, maxStacks, closeRing, originSkip, micrometer, opentelemetry, listenerMeters, check, alertAcceptQueue, "
                        + "alertCloseWait, alertFds, alertBlocked, alertHysteresis)",
                "bad value 'yes' for agent option 'control'; using true",
                "bad value (none) for agent option 'jna'; using auto",
                "bad value 'relative' for agent option 'proc'; using /proc");
        assertThat(o.inForce()).isEqualTo("refresh=1000,control=true,jna=auto,mbeanDelay=0,hookWait=10000,proc=/proc,origins=true,waits=true,stacks=sampled,sampleEvery=16,walksPerSecond=1000,stackDepth=16,maxSockets=100000,maxStacks=4096,closeRing=65536,originSkip=io.netty.,micrometer=true,opentelemetry=true,listenerMeters=true,check=5000,alertAcceptQueue=0.8,alertCloseWait=100,alertFds=0.9,alertBlocked=60,alertHysteresis=0.2");
    }
}
