package io.exowatch.localstack.registry;

import static io.exowatch.localstack.junit.UniqueNames.uniqueName;
import static io.exowatch.localstack.registry.Schemas.field;
import static io.exowatch.localstack.registry.Schemas.fieldWithDefault;
import static io.exowatch.localstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.registry.RegistryHttp.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's REST surface as a Confluent client sees it, over plain HTTP, on the shared stack. */
@EmbeddedStack(openSearch = false)
class SchemaRegistryRestIT {

    private static final String TRIAL_V1 = record("Trial", field("id", "string"));
    private static final String TRIAL_V2 = record("Trial", field("id", "string"),
            fieldWithDefault("title", "string", "\"\""));

    private RegistryHttp http;
    private String subject;

    @BeforeEach
    void connect(LocalStack stack) {
        http = new RegistryHttp(stack.schemaRegistryUrl());
        subject = uniqueName("trials-raw") + "-value";
    }

    @Test
    void shouldAnswerRootSchemaTypesAndModeWithConfluentContentType() {
        final Reply root = http.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(root.text()).isEqualTo("{}");
        assertThat(http.get("/schemas/types").text()).isEqualTo("[\"AVRO\"]");
        assertThat(http.get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void shouldRegisterThenServeTheSchemaById() {
        final Reply registered = http.register(subject, TRIAL_V1);

        assertThat(registered.status()).isEqualTo(200);
        final int id = registered.json().get("id").asInt();
        assertThat(id).isPositive();
        assertThat(registered.json().get("version").asInt()).isEqualTo(1);
        final Reply byId = http.get("/schemas/ids/" + id + "?subject=" + subject + "&format=&fetchMaxId=true");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(byId.json().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(TRIAL_V1));
        assertThat(byId.json().has("schemaType")).as("AVRO omits schemaType, as Confluent does").isFalse();
        assertThat(byId.json().get("maxId").asInt()).isGreaterThanOrEqualTo(id);
        assertThat(new Schema.Parser().parse(http.get("/schemas/ids/" + id + "/schema").text()))
                .isEqualTo(new Schema.Parser().parse(TRIAL_V1));
    }

    @Test
    void shouldReturnTheSameIdAndNoNewVersionWhenTheSameSchemaIsRegisteredAgain() {
        final int first = http.registerId(subject, TRIAL_V1);
        // Same schema, different whitespace: the registry compares parsed schemas.
        final int again = http.registerId(subject, TRIAL_V1.replace(",", " , "));

        assertThat(again).isEqualTo(first);
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    }

    @Test
    void shouldGiveTheSameGlobalIdToTheSameSchemaUnderAnotherSubject() {
        final String other = uniqueName("articles-raw") + "-value";
        final String schema = record(uniqueName("Shared").replace("-", "_"), field("id", "string"));
        final int id = http.registerId(subject, schema);

        assertThat(http.registerId(other, schema)).isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/subjects").json())
                .extracting(node -> node.asText()).containsExactlyInAnyOrder(subject, other);
        assertThat(http.get("/schemas/ids/" + id + "/versions").json().toString())
                .contains("{\"subject\":\"" + subject + "\",\"version\":1}")
                .contains("{\"subject\":\"" + other + "\",\"version\":1}");
    }

    @Test
    void shouldAssignIncreasingIdsToNewSchemas() {
        final int first = http.registerId(subject, TRIAL_V1);
        final int second = http.registerId(subject, TRIAL_V2);

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void shouldListVersionsAndServeLatestAndSchemaOnly() {
        final int id1 = http.registerId(subject, TRIAL_V1);
        final int id2 = http.registerId(subject, TRIAL_V2);

        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1,2]");
        final Reply latest = http.get("/subjects/" + subject + "/versions/latest");
        assertThat(latest.json().get("subject").asText()).isEqualTo(subject);
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/" + subject + "/versions/-1").json().get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/" + subject + "/versions/1").json().get("id").asInt()).isEqualTo(id1);
        final Reply schemaOnly = http.get("/subjects/" + subject + "/versions/1/schema");
        assertThat(new Schema.Parser().parse(schemaOnly.text())).isEqualTo(new Schema.Parser().parse(TRIAL_V1));
        assertThat(http.get("/subjects").json()).extracting(node -> node.asText()).contains(subject);
    }

    @Test
    void shouldLookUpARegisteredSchemaUnderItsSubject() {
        final int id = http.registerId(subject, TRIAL_V1);

        final Reply found = http.post("/subjects/" + subject + "?normalize=false&deleted=false",
                RegistryHttp.schemaBody(TRIAL_V1));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("subject").asText()).isEqualTo(subject);
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(found.json().get("schema").asText()).isNotBlank();

        final Reply unknownSchema = http.post("/subjects/" + subject, RegistryHttp.schemaBody(TRIAL_V2));
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.errorCode()).isEqualTo(40403);
        final Reply unknownSubject = http.post("/subjects/" + uniqueName("nobody"), RegistryHttp.schemaBody(TRIAL_V1));
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void shouldAnswerConfluentNotFoundCodes() {
        http.registerId(subject, TRIAL_V1);

        final Reply noSubject = http.get("/subjects/" + uniqueName("nobody") + "/versions");
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.errorCode()).isEqualTo(40401);
        assertThat(noSubject.message()).contains("not found");
        final Reply noVersion = http.get("/subjects/" + subject + "/versions/9");
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        final Reply noSchema = http.get("/schemas/ids/987654");
        assertThat(noSchema.status()).isEqualTo(404);
        assertThat(noSchema.errorCode()).isEqualTo(40403);
        assertThat(noSchema.message()).isEqualTo("Schema 987654 not found");
        final Reply badVersion = http.get("/subjects/" + subject + "/versions/first");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
        final Reply noRoute = http.get("/no/such/route");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.errorCode()).isEqualTo(404);
        final Reply wrongMethod = http.put("/subjects", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void shouldRejectUnparseableSchemaWith422AndTheParsersReason() {
        final Reply reply = http.register(subject, "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":[{\"name\":\"x\"}]}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42201);
        assertThat(reply.message()).startsWith("Invalid schema").contains("No field type");
        final Reply notJson = http.register(subject, "{not json");
        assertThat(notJson.errorCode()).isEqualTo(42201);
        assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).as("nothing registered").isEqualTo(40401);
    }

    @Test
    void shouldRejectNonAvroSchemaTypesWith422() {
        final Reply reply = http.post("/subjects/" + subject + "/versions",
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42201);
        assertThat(reply.message()).contains("PROTOBUF");
        final Reply explicitAvro = http.post("/subjects/" + subject + "/versions",
                "{\"schemaType\":\"AVRO\",\"schema\":" + RegistryHttp.JSON.valueToTree(TRIAL_V1) + "}");
        assertThat(explicitAvro.status()).isEqualTo(200);
    }

    @Test
    void shouldRejectAnIncompatibleSchemaWith409NamingSubjectAndIncompatibility() {
        http.registerId(subject, TRIAL_V1);
        final String withRequiredField = record("Trial", field("id", "string"), field("phase", "string"));

        final Reply reply = http.register(subject, withRequiredField);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo(409);
        assertThat(reply.message())
                .contains("incompatible with an earlier schema for subject \"" + subject + "\"")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("'phase'")
                .contains("{oldSchemaVersion: 1}")
                .contains("BACKWARD");
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    }

    @Test
    void shouldAcceptJsonAndOctetStreamRequestsAndRefuseOtherMediaTypes() {
        assertThat(http.post("/subjects/" + subject + "/versions", RegistryHttp.schemaBody(TRIAL_V1),
                "application/json").status()).isEqualTo(200);
        assertThat(http.post("/subjects/" + subject, RegistryHttp.schemaBody(TRIAL_V1),
                "application/octet-stream").status()).isEqualTo(200);
        final Reply refused = http.post("/subjects/" + subject, RegistryHttp.schemaBody(TRIAL_V1), "text/plain");
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.errorCode()).isEqualTo(415);
    }

    @Test
    void shouldServeSubjectsWithReservedCharactersWhenUrlEncoded() {
        final String odd = uniqueName("team/a b") + "-value";
        final String encoded = URLEncoder.encode(odd, StandardCharsets.UTF_8).replace("+", "%20");

        final int id = http.registerId(encoded, TRIAL_V1);

        assertThat(http.get("/subjects/" + encoded + "/versions/1").json().get("subject").asText()).isEqualTo(odd);
        assertThat(http.get("/schemas/ids/" + id + "/subjects").json())
                .extracting(node -> node.asText()).contains(odd);
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteAVersion() {
        http.registerId(subject, TRIAL_V1);
        http.registerId(subject, TRIAL_V2);

        final Reply permanentFirst = http.delete("/subjects/" + subject + "/versions/1?permanent=true");
        assertThat(permanentFirst.status()).isEqualTo(404);
        assertThat(permanentFirst.errorCode()).isEqualTo(40407);

        assertThat(http.delete("/subjects/" + subject + "/versions/1").text()).isEqualTo("1");
        assertThat(http.get("/subjects/" + subject + "/versions").text()).isEqualTo("[2]");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").text()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40402);
        assertThat(http.get("/subjects/" + subject + "/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(http.delete("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40406);

        assertThat(http.delete("/subjects/" + subject + "/versions/1?permanent=true").text()).isEqualTo("1");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").text()).isEqualTo("[2]");
    }

    @Test
    void shouldSoftDeleteASubjectAndKeepItsIdsForReRegistration() {
        final int id = http.registerId(subject, TRIAL_V1);

        assertThat(http.delete("/subjects/" + subject + "?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(http.delete("/subjects/" + subject).text()).isEqualTo("[1]");
        assertThat(http.get("/subjects").json()).extracting(node -> node.asText()).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").json()).extracting(node -> node.asText()).contains(subject);
        assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
        assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40404);
        assertThat(http.get("/schemas/ids/" + id).status()).as("ids stay readable after a soft delete").isEqualTo(200);

        final Reply again = http.register(subject, TRIAL_V1);
        assertThat(again.json().get("id").asInt()).isEqualTo(id);
        assertThat(again.json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void shouldPermanentlyDeleteASoftDeletedSubject() {
        http.registerId(subject, TRIAL_V1);
        http.delete("/subjects/" + subject);

        assertThat(http.delete("/subjects/" + subject + "?permanent=true").text()).isEqualTo("[1]");
        assertThat(http.get("/subjects?deleted=true").json()).extracting(node -> node.asText()).doesNotContain(subject);
        assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40401);
    }
}
