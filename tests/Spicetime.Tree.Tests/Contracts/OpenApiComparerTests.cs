using Spicetime.Tree.Contracts;
using Spicetime.Tree.Contracts.OpenApi;

namespace Spicetime.Tree.Tests.Contracts;

/// <summary>
/// OpenAPI comparisons, table-driven on a YAML 3.1 description: each edit names the changes it must report (rule id
/// and message) in both directions, and rewrites that keep the meaning (inline ↔ $ref, renamed components, allOf
/// reshuffles, 3.0 nullable ↔ 3.1 type arrays, JSON ↔ YAML, recursive schemas) must report nothing.
/// </summary>
public class OpenApiComparerTests
{
    private const string Base = """
        openapi: 3.1.0
        info: { title: Orders, version: "1" }
        security: [ { apiKey: [] } ]
        paths:
          /invoices:
            get:
              operationId: listInvoices
              parameters:
                - { name: page, in: query, required: false, schema: { type: integer, minimum: 1, maximum: 100 } }
                - { name: X-Trace, in: header, schema: { type: string } }
              responses:
                "200":
                  description: ok
                  headers: { X-Total: { required: true, schema: { type: integer } } }
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: "#/components/schemas/Invoice" } }
                "404": { description: missing }
            post:
              operationId: createInvoice
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/NewInvoice" }
              responses:
                "201": { description: created, content: { application/json: { schema: { $ref: "#/components/schemas/Invoice" } } } }
          /invoices/{id}:
            get:
              parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
              responses:
                "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Invoice" } } } }
        components:
          securitySchemes:
            apiKey: { type: apiKey, in: header, name: X-Key }
          schemas:
            Invoice:
              type: object
              required: [id, total]
              properties:
                id: { type: string }
                total: { type: number }
                status: { type: string, enum: [open, paid] }
                note: { type: [string, "null"], maxLength: 200 }
                lines: { type: array, items: { $ref: "#/components/schemas/Line" } }
                parent: { $ref: "#/components/schemas/Invoice" }
            Line:
              type: object
              properties:
                sku: { type: string, pattern: "^[A-Z]+$" }
                qty: { type: integer, format: int32 }
            NewInvoice:
              type: object
              required: [customer]
              properties:
                customer: { type: string, maxLength: 50 }
                currency: { type: string, enum: [EUR, USD], default: EUR }
                memo: { type: string }
        """;

    /// <summary>The same API as <see cref="Base"/>: OpenAPI 3.0 in JSON, components renamed and split, keys reordered.</summary>
    private const string Json30 = """
            {
              "openapi": "3.0.3",
              "info": { "version": "1", "title": "Orders" },
              "security": [ { "apiKey": [] } ],
              "components": {
                "securitySchemes": { "apiKey": { "type": "apiKey", "name": "X-Key", "in": "header" } },
                "schemas": {
                  "InvoiceDraft": {
                    "type": "object", "required": ["customer"],
                    "properties": {
                      "memo": { "type": "string" },
                      "currency": { "default": "EUR", "type": "string", "enum": ["EUR", "USD"] },
                      "customer": { "maxLength": 50, "type": "string" }
                    }
                  },
                  "Money": { "type": "object", "required": ["total"], "properties": { "total": { "type": "number" } } },
                  "Invoice": {
                    "allOf": [
                      { "$ref": "#/components/schemas/Money" },
                      {
                        "type": "object", "required": ["id"],
                        "properties": {
                          "parent": { "$ref": "#/components/schemas/Invoice" },
                          "lines": { "type": "array", "items": {
                            "type": "object",
                            "properties": { "qty": { "format": "int32", "type": "integer" }, "sku": { "pattern": "^[A-Z]+$", "type": "string" } } } },
                          "note": { "type": "string", "nullable": true, "maxLength": 200 },
                          "status": { "enum": ["open", "paid"], "type": "string" },
                          "id": { "type": "string" }
                        }
                      }
                    ]
                  }
                }
              },
              "paths": {
                "/invoices/{invoiceId}": { "get": {
                  "parameters": [ { "schema": { "type": "string" }, "required": true, "in": "path", "name": "invoiceId" } ],
                  "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Invoice" } } } } } } },
                "/invoices": {
                  "post": {
                    "responses": { "201": { "description": "created", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Invoice" } } } } },
                    "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InvoiceDraft" } } }, "required": true },
                    "operationId": "createInvoice"
                  },
                  "get": {
                    "responses": {
                      "404": { "description": "missing" },
                      "200": { "description": "ok", "headers": { "X-Total": { "schema": { "type": "integer" }, "required": true } },
                               "content": { "application/json": { "schema": { "items": { "$ref": "#/components/schemas/Invoice" }, "type": "array" } } } }
                    },
                    "parameters": [
                      { "in": "header", "name": "X-Trace", "schema": { "type": "string" } },
                      { "in": "query", "name": "page", "schema": { "maximum": 100, "minimum": 1, "type": "integer" } }
                    ],
                    "operationId": "listInvoices"
                  }
                }
              }
            }
            """;

    private static IReadOnlyList<ContractChange> Diff(string before, string after)
    {
        var old = OpenApiContract.Parse(before, "before.yaml", out var e1) ?? throw new InvalidOperationException(e1.ToString());
        var now = OpenApiContract.Parse(after, "after.yaml", out var e2) ?? throw new InvalidOperationException(e2.ToString());
        return OpenApiComparer.Compare(old, now);
    }

    private static string Edit(params string[] fromTo)
    {
        var text = Base;
        for (var i = 0; i < fromTo.Length; i += 2)
        {
            var at = text.IndexOf(fromTo[i], StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{fromTo[i]}' is not in the base description");
            text = text[..at] + fromTo[i + 1] + text[(at + fromTo[i].Length)..];
        }

        return text;
    }

    private static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData Case(string name, string[] edit, params string[] expected) => new TestCaseData(edit, expected).SetName(name);

        // Paths and operations
        yield return Case("path removed", new[] { "  /invoices/{id}:\n    get:\n      parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]\n      responses:\n        \"200\": { description: ok, content: { application/json: { schema: { $ref: \"#/components/schemas/Invoice\" } } } }\n", "" },
            "path-removed /invoices/{id}: path removed");
        yield return Case("operation removed", new[] { "    post:\n      operationId: createInvoice", "    put:\n      operationId: createInvoice" },
            "operation-removed POST /invoices: operation removed", "operation-added PUT /invoices: operation added");
        yield return Case("path parameter renamed is no change", new[] { "/invoices/{id}:", "/invoices/{invoiceId}:", "name: id, in: path", "name: invoiceId, in: path" });
        yield return Case("operationId changed", new[] { "operationId: listInvoices", "operationId: getInvoices" },
            "operation-id-changed GET /invoices: operationId listInvoices -> getInvoices");

        // Parameters
        yield return Case("query parameter became required", new[] { "name: page, in: query, required: false", "name: page, in: query, required: true" },
            "request-parameter-became-required GET /invoices: query parameter 'page' became required");
        yield return Case("required parameter added", new[] { "- { name: X-Trace, in: header, schema: { type: string } }", "- { name: X-Trace, in: header, schema: { type: string } }\n        - { name: tenant, in: query, required: true, schema: { type: string } }" },
            "request-parameter-required-added GET /invoices: required query parameter 'tenant' added");
        yield return Case("optional parameter added", new[] { "- { name: X-Trace, in: header, schema: { type: string } }", "- { name: X-Trace, in: header, schema: { type: string } }\n        - { name: q, in: query, schema: { type: string } }" },
            "request-parameter-optional-added GET /invoices: optional query parameter 'q' added");
        yield return Case("parameter removed", new[] { "        - { name: X-Trace, in: header, schema: { type: string } }\n", "" },
            "request-parameter-removed GET /invoices: header parameter 'X-Trace' removed");
        yield return Case("parameter limit tightened", new[] { "minimum: 1, maximum: 100", "minimum: 1, maximum: 50" },
            "request-limit-tightened GET /invoices: query parameter 'page': maximum 100 -> 50");
        yield return Case("parameter limit relaxed", new[] { "minimum: 1, maximum: 100", "minimum: 0, maximum: 100" },
            "request-limit-relaxed GET /invoices: query parameter 'page': minimum 1 -> 0");
        yield return Case("parameter type changed", new[] { "name: id, in: path, required: true, schema: { type: string }", "name: id, in: path, required: true, schema: { type: integer }" },
            "schema-type-changed GET /invoices/{id}: path parameter 'id': type string -> integer");
        yield return Case("parameter type widened", new[] { "schema: { type: integer, minimum: 1", "schema: { type: number, minimum: 1" },
            "request-schema-type-widened GET /invoices: query parameter 'page': type integer -> number");
        yield return Case("parameter style changed", new[] { "name: page, in: query, required: false,", "name: page, in: query, required: false, style: spaceDelimited," },
            "request-parameter-style-changed GET /invoices: query parameter 'page' is serialized differently (style Form, explode True -> style SpaceDelimited, explode False)");

        // Request bodies
        yield return Case("request body became optional", new[] { "requestBody:\n        required: true", "requestBody:\n        required: false" },
            "request-body-became-optional POST /invoices: request body became optional");
        yield return Case("request media type removed", new[] { "          application/json:\n            schema: { $ref: \"#/components/schemas/NewInvoice\" }", "          application/xml:\n            schema: { $ref: \"#/components/schemas/NewInvoice\" }" },
            "request-media-type-removed POST /invoices: request body application/json removed", "request-media-type-added POST /invoices: request body application/xml added");
        yield return Case("request property became required", new[] { "required: [customer]", "required: [customer, memo]" },
            "request-property-became-required POST /invoices: request body application/json: property 'memo' became required");
        yield return Case("required request property added", new[] { "required: [customer]", "required: [customer, po]", "memo: { type: string }", "memo: { type: string }\n        po: { type: string }" },
            "request-property-required-added POST /invoices: request body application/json: required property 'po' added");
        yield return Case("request enum value removed", new[] { "enum: [EUR, USD], default: EUR", "enum: [EUR], default: EUR" },
            "request-enum-value-removed POST /invoices: request body application/json.currency: enum value \"USD\" removed");
        yield return Case("request enum value added", new[] { "enum: [EUR, USD], default: EUR", "enum: [EUR, USD, GBP], default: EUR" },
            "request-enum-value-added POST /invoices: request body application/json.currency: enum value \"GBP\" added");
        yield return Case("request default changed", new[] { "enum: [EUR, USD], default: EUR", "enum: [EUR, USD], default: USD" },
            "request-default-changed POST /invoices: request body application/json.currency: default \"EUR\" -> \"USD\"");
        yield return Case("request maxLength tightened", new[] { "customer: { type: string, maxLength: 50 }", "customer: { type: string, maxLength: 20 }" },
            "request-limit-tightened POST /invoices: request body application/json.customer: maxLength 50 -> 20");
        yield return Case("request additional properties forbidden", new[] { "      required: [customer]\n", "      required: [customer]\n      additionalProperties: false\n" },
            "request-additional-properties-forbidden POST /invoices: request body application/json: other properties are no longer accepted");

        // Responses: the shared Invoice schema is reported where clients receive it.
        yield return Case("response property removed", new[] { "        total: { type: number }\n", "" },
            "response-property-removed GET /invoices: response 200 application/json[]: property 'total' removed",
            "response-property-removed POST /invoices: response 201 application/json: property 'total' removed",
            "response-property-removed GET /invoices/{id}: response 200 application/json: property 'total' removed");
        yield return Case("response property became optional", new[] { "required: [id, total]", "required: [id]" },
            "response-property-became-optional GET /invoices: response 200 application/json[]: property 'total' is no longer always present",
            "response-property-became-optional POST /invoices: response 201 application/json: property 'total' is no longer always present",
            "response-property-became-optional GET /invoices/{id}: response 200 application/json: property 'total' is no longer always present");
        yield return Case("response enum value added", new[] { "enum: [open, paid]", "enum: [open, paid, void]" },
            "response-enum-value-added GET /invoices: response 200 application/json[].status: enum value \"void\" added",
            "response-enum-value-added POST /invoices: response 201 application/json.status: enum value \"void\" added",
            "response-enum-value-added GET /invoices/{id}: response 200 application/json.status: enum value \"void\" added");
        yield return Case("response became nullable", new[] { "total: { type: number }", "total: { type: [number, \"null\"] }" },
            "response-became-nullable GET /invoices: response 200 application/json[].total: may be null now",
            "response-became-nullable POST /invoices: response 201 application/json.total: may be null now",
            "response-became-nullable GET /invoices/{id}: response 200 application/json.total: may be null now");
        yield return Case("response type widened", new[] { "qty: { type: integer, format: int32 }", "qty: { type: number, format: int32 }" },
            "response-schema-type-widened GET /invoices: response 200 application/json[].lines[].qty: type integer -> number",
            "response-schema-type-widened POST /invoices: response 201 application/json.lines[].qty: type integer -> number",
            "response-schema-type-widened GET /invoices/{id}: response 200 application/json.lines[].qty: type integer -> number");
        yield return Case("response format changed", new[] { "format: int32", "format: int64" },
            "schema-format-changed GET /invoices: response 200 application/json[].lines[].qty: format int32 -> int64",
            "schema-format-changed POST /invoices: response 201 application/json.lines[].qty: format int32 -> int64",
            "schema-format-changed GET /invoices/{id}: response 200 application/json.lines[].qty: format int32 -> int64");
        yield return Case("response pattern removed", new[] { ", pattern: \"^[A-Z]+$\"", "" },
            "response-pattern-changed GET /invoices: response 200 application/json[].lines[].sku: pattern ^[A-Z]+$ -> (none)",
            "response-pattern-changed POST /invoices: response 201 application/json.lines[].sku: pattern ^[A-Z]+$ -> (none)",
            "response-pattern-changed GET /invoices/{id}: response 200 application/json.lines[].sku: pattern ^[A-Z]+$ -> (none)");
        yield return Case("success status removed", new[] { "    post:\n      operationId: createInvoice", "    post:\n      operationId: createInvoice\n      x-note: none", "\"201\": { description: created", "\"202\": { description: created" },
            "response-success-status-removed POST /invoices: response 201 removed", "response-status-added POST /invoices: response 202 added");
        yield return Case("error status removed", new[] { "        \"404\": { description: missing }\n", "" },
            "response-error-status-removed GET /invoices: response 404 removed");
        yield return Case("required response header removed", new[] { "headers: { X-Total: { required: true, schema: { type: integer } } }", "headers: { X-Count: { schema: { type: integer } } }" },
            "response-header-removed GET /invoices: response 200 header 'X-Total' removed", "response-header-added GET /invoices: response 200 header 'X-Count' added");
        yield return Case("response header became optional", new[] { "X-Total: { required: true,", "X-Total: { required: false," },
            "response-header-became-optional GET /invoices: response 200 header 'X-Total' became optional");

        // Security
        yield return Case("security scope added", new[] { "security: [ { apiKey: [] } ]", "security: [ { apiKey: [read] } ]" },
            "security-scope-added GET /invoices: security scheme 'apiKey' now needs scope 'read'",
            "security-scope-added POST /invoices: security scheme 'apiKey' now needs scope 'read'",
            "security-scope-added GET /invoices/{id}: security scheme 'apiKey' now needs scope 'read'");
    }

    [TestCaseSource(nameof(Edits))]
    public void Each_change_is_reported_with_its_rule_path_and_direction(string[] edit, string[] expected)
    {
        var changes = Diff(Base, Edit(edit));
        Assert.That(changes.Select(c => $"{c.Rule} {c.Message}"), Is.EquivalentTo(expected));
        foreach (var change in changes)
        {
            Assert.That(OpenApiRules.All.Single(r => r.Id == change.Rule).Level, Is.EqualTo(change.Level));
        }
    }

    [Test]
    public void Rewrites_that_keep_the_meaning_report_nothing()
    {
        // The same API: Invoice inlined where it was referenced... no: Line inlined, NewInvoice renamed to
        // InvoiceDraft, Invoice split into an allOf of two parts in another order, 3.0 instead of 3.1 with nullable,
        // JSON instead of YAML, keys reordered, the recursive 'parent' kept.

        Assert.That(Diff(Base, Json30), Is.Empty);
        Assert.That(Diff(Json30, Base), Is.Empty, "and back");
    }

    [Test]
    public void A_change_inside_a_reference_cycle_is_reported_for_every_operation_that_reaches_it()
    {
        const string cyclic = """
            openapi: 3.1.0
            info: { title: t, version: "1" }
            paths:
              /a: { get: { responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/A" } } } } } } }
              /b: { get: { responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/B" } } } } } } }
            components:
              schemas:
                A: { type: object, properties: { b: { $ref: "#/components/schemas/B" }, x: { type: string } } }
                B: { type: object, properties: { a: { $ref: "#/components/schemas/A" }, y: { type: string } } }
            """;
        var changes = Diff(cyclic, cyclic.Replace(", x: { type: string }", string.Empty, StringComparison.Ordinal));
        Assert.That(changes.Select(c => c.Message), Is.EquivalentTo(new[]
        {
            "GET /a: response 200 application/json: property 'x' removed",
            "GET /b: response 200 application/json.a … A: property 'x' removed",
        }), "the second operation reaches A only through B, after A's own comparison closed the cycle");
    }

    [Test]
    public void A_30_JSON_description_reports_the_same_changes_as_the_31_YAML_one_across_formats_too()
    {
        var stricter = Json30.Replace("{ \"in\": \"query\", \"name\": \"page\",", "{ \"in\": \"query\", \"required\": true, \"name\": \"page\",", StringComparison.Ordinal)
            .Replace("\"required\": [\"total\"]", "\"required\": []", StringComparison.Ordinal);
        Assert.That(stricter, Is.Not.EqualTo(Json30));
        string[] expected =
        {
            "GET /invoices: query parameter 'page' became required",
            "GET /invoices: response 200 application/json[]: property 'total' is no longer always present",
            "POST /invoices: response 201 application/json: property 'total' is no longer always present",
            "GET /invoices/{invoiceId}: response 200 application/json: property 'total' is no longer always present",
        };
        Assert.That(Diff(Json30, stricter).Select(c => c.Message), Is.EquivalentTo(expected));
        Assert.That(Diff(Base, stricter).Select(c => c.Message), Is.EquivalentTo(expected.Select(e => e.Replace("{invoiceId}", "{id}", StringComparison.Ordinal))),
            "YAML 3.1 against JSON 3.0: the parent's path template names the path");
    }

    [Test]
    public void Every_rule_has_a_unique_id_and_there_are_at_least_fifty()
    {
        Assert.That(OpenApiRules.All.Select(r => r.Id), Is.Unique);
        Assert.That(OpenApiRules.All, Has.Count.GreaterThanOrEqualTo(50));
    }

    [TestCase("{ \"openapi\": \"3.1.0\", \"info\": {", 1)]
    [TestCase("openapi: 3.1.0\ninfo: {title: t\n  version: [\n", 3)]
    public void A_description_that_does_not_parse_says_where(string text, int line)
    {
        Assert.That(OpenApiContract.Parse(text, "orders.yaml", out var error), Is.Null);
        Assert.That(error!.Value.Line, Is.EqualTo(line));
        Assert.That(error.Value.Message, Is.Not.Empty);
    }
}
