package dev.gannet.selector;

import java.util.HashMap;
import java.util.Map;

/** A Filterable over a map of identifier values, for tests. */
record TestMessage(Map<String, Object> values) implements Filterable {

    /** A message with the given identifier/value pairs; a null value is the same as leaving it out. */
    static TestMessage with(Object... identifiersAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < identifiersAndValues.length; i += 2) {
            values.put((String) identifiersAndValues[i], identifiersAndValues[i + 1]);
        }
        return new TestMessage(values);
    }

    @Override
    public Object valueOf(String identifier) {
        return values.get(identifier);
    }
}
