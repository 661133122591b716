package org.computegov.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.computegov.registry.kernel.Capability;

/** The served OpenAPI document: the server's own part with each capability's paths and schemas merged in. */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {}

    static byte[] merge(byte[] base, List<Capability> capabilities) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(base);
        for (Capability c : capabilities) {
            if (c.openApi() == null) {
                continue;
            }
            JsonNode part;
            try (InputStream in = c.getClass().getResourceAsStream(c.openApi())) {
                if (in == null) {
                    throw new IllegalStateException(c.name() + "'s OpenAPI part " + c.openApi() + " is missing");
                }
                part = JSON.readTree(in);
            }
            merge(doc, part, "paths", c);
            if (part.has("components")) {
                ObjectNode components = doc.with("components");
                part.get("components").fields().forEachRemaining(e -> {
                    ObjectNode into = components.with(e.getKey());
                    e.getValue().fields().forEachRemaining(x -> into.set(x.getKey(), x.getValue()));
                });
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    }

    private static void merge(ObjectNode doc, JsonNode part, String field, Capability c) {
        ObjectNode into = doc.with(field);
        part.path(field).fields().forEachRemaining(e -> {
            if (into.has(e.getKey())) {
                throw new IllegalStateException(c.name() + " declares " + e.getKey() + ", which is already in the document");
            }
            into.set(e.getKey(), e.getValue());
        });
    }
}
