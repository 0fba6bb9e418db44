package dev.gannet.integration;

import jakarta.jms.TextMessage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** A TextMessage of "another provider": a plain dynamic proxy keeping headers and properties in maps. */
final class ForeignTextMessage {

    private ForeignTextMessage() {
    }

    static TextMessage create(String text) {
        Map<String, Object> headers = new HashMap<>();
        Map<String, Object> properties = new HashMap<>();
        headers.put("Text", text);
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("getPropertyNames")) {
                return Collections.enumeration(properties.keySet());
            }
            if (name.equals("propertyExists")) {
                return properties.containsKey((String) args[0]);
            }
            if (name.endsWith("Property") && name.startsWith("set")) {
                properties.put((String) args[0], args[1]);
                return null;
            }
            if (name.endsWith("Property") && name.startsWith("get")) {
                Object value = properties.get((String) args[0]);
                return name.equals("getStringProperty") && value != null ? value.toString() : value;
            }
            if (name.startsWith("set") && args != null && args.length == 1) {
                headers.put(name.substring(3), args[0]);
                return null;
            }
            if (name.startsWith("get")) {
                Object value = headers.get(name.substring(3));
                if (value == null && method.getReturnType().isPrimitive()) {
                    return method.getReturnType() == boolean.class ? Boolean.FALSE
                            : method.getReturnType() == int.class ? 0 : (Object) 0L;
                }
                return value;
            }
            if (name.equals("toString")) {
                return "ForeignTextMessage" + headers;
            }
            return null;
        };
        return (TextMessage) Proxy.newProxyInstance(ForeignTextMessage.class.getClassLoader(),
                new Class<?>[]{TextMessage.class}, handler);
    }
}
