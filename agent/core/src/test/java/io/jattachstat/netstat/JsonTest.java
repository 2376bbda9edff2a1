package io.jattachstat.netstat;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    @Test
    void valuesAndEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", "/tmp/a \"b\"\\c\n\u0001\u00e9");
        m.put("n", 42L);
        m.put("none", null);
        m.put("list", List.of(true, 1.5));
        assertThat(Json.write(m)).isEqualTo("{\"path\":\"/tmp/a \\\"b\\\"\\\\c\\n\\u0001\\u00e9\",\"n\":42,\"none\":null,"
                + "\"list\":[true,1.5]}");
    }
}
