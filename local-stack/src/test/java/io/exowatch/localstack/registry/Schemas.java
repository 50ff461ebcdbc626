package io.exowatch.localstack.registry;

/** Small Avro record schemas for registry tests, written by hand (not the project's event contract). */
final class Schemas {

    private Schemas() {
    }

    /** A record {@code name} with the given fields (each a JSON field object). */
    static String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"io.exowatch.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    static String fieldWithDefault(String name, String type, String defaultJson) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
    }
}
