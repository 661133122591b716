package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document describes exactly the routes the server has, and its examples work. */
class OpenApiContractTest {
    @Test
    void documentAndServerAgree(@TempDir Path data) throws Exception {
        try (RunningServer server = new RunningServer(data)) {
            RunningServer.Answer doc = server.get("/api/openapi.json");
            assertThat(doc.status()).isEqualTo(200);
            JsonNode openApi = doc.json();
            assertThat(openApi.get("openapi").asText()).startsWith("3.1");

            List<String> documented = new ArrayList<>();
            openApi.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                    method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey())));
            List<String> served = server.server.routes().stream().map(r -> r.replaceAll("<(\\w+)>", "{$1}")).toList();
            assertThat(served).containsExactlyInAnyOrderElementsOf(documented);

            // One entry in the log, signed with the log's own key (which the log trusts), so log examples exist.
            SignerKey logKey = KeyFiles.readSignerKey(data.resolve("log.key"));
            byte[] envelope = Dsse.sign("application/vnd.in-toto+json", LogClient.statement(1).getBytes(StandardCharsets.UTF_8),
                    List.of(new Ed25519DsseSigner("", logKey.privateKey()))).toJson();
            assertThat(server.post("/api/v1/log/entries", envelope, "application/json").status()).isEqualTo(201);

            // Every documented GET answers 2xx when called with the examples its parameters give.
            openApi.get("paths").fields().forEachRemaining(p -> {
                JsonNode get = p.getValue().get("get");
                if (get == null) {
                    return;
                }
                String path = p.getKey();
                StringBuilder query = new StringBuilder();
                for (JsonNode param : get.path("parameters")) {
                    String example = param.path("example").asText(null);
                    if (param.get("in").asText().equals("path")) {
                        path = path.replace("{" + param.get("name").asText() + "}", example);
                    } else if (example != null) {
                        query.append(query.length() == 0 ? "?" : "&").append(param.get("name").asText()).append('=')
                                .append(java.net.URLEncoder.encode(example, StandardCharsets.UTF_8));
                    }
                }
                try {
                    RunningServer.Answer answer = server.get(path + query);
                    if (get.has("security")) {
                        // A read that needs a signed request refuses an unsigned one with a problem, never answers it.
                        assertThat(answer.status()).as(path + query).isEqualTo(401);
                        assertThat(answer.contentType()).startsWith("application/problem+json");
                        return;
                    }
                    if (answer.status() == 404 && !path.equals(p.getKey()) && !path.startsWith("/api/v1/knowledge")) {
                        // A registry object the example names does not exist on this empty registry: a 404 problem.
                        assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
                        return;
                    }
                    assertThat(answer.status()).as(path + query).isBetween(200, 299);
                } catch (Exception e) {
                    throw new AssertionError(path, e);
                }
            });
        }
    }
}
