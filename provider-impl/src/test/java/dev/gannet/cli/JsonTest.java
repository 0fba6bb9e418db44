package dev.gannet.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Json} writes what a JSON parser reads back as the same values. */
class JsonTest {

    @Test
    void everyKindOfValueRoundTrips() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("text", "quote \" backslash \\ slash / newline \n tab \t bell \u0007 nul \u0000 é ✓ \u2028");
        object.put("long", Long.MAX_VALUE);
        object.put("int", -7);
        object.put("double", 2.5);
        object.put("nan", Double.NaN);
        object.put("yes", true);
        object.put("none", null);
        object.put("empty", Map.of());
        object.put("list", Arrays.asList(1, "two", null, List.of()));
        List<Object> document = new ArrayList<>(List.of(object, "x"));

        JsonElement parsed = JsonParser.parseString(Json.write(document));

        JsonElement fields = parsed.getAsJsonArray().get(0);
        assertEquals(object.get("text"), fields.getAsJsonObject().get("text").getAsString());
        assertEquals(Long.MAX_VALUE, fields.getAsJsonObject().get("long").getAsLong());
        assertEquals(-7, fields.getAsJsonObject().get("int").getAsInt());
        assertEquals(2.5, fields.getAsJsonObject().get("double").getAsDouble());
        assertEquals("NaN", fields.getAsJsonObject().get("nan").getAsString());
        assertEquals(true, fields.getAsJsonObject().get("yes").getAsBoolean());
        assertEquals(true, fields.getAsJsonObject().get("none").isJsonNull());
        assertEquals(0, fields.getAsJsonObject().getAsJsonObject("empty").size());
        assertEquals("[1,\"two\",null,[]]", fields.getAsJsonObject().get("list").toString());
        assertEquals("x", parsed.getAsJsonArray().get(1).getAsString());
    }

    @Test
    void controlCharactersAreEscapedNotWritten() {
        String json = Json.write("a\u0001b\rc");
        assertEquals("\"a\\u0001b\\rc\"", json);
    }
}
