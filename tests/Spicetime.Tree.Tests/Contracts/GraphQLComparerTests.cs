using Spicetime.Tree.Contracts;
using Spicetime.Tree.Contracts.GraphQL;

namespace Spicetime.Tree.Tests.Contracts;

/// <summary>
/// GraphQL comparisons, table-driven: each pair names the changes it must report (rule id and message), and
/// rewrites that keep the meaning must report nothing.
/// </summary>
public class GraphQLComparerTests
{
    private const string Base = """
        schema { query: Query mutation: Mutation }
        directive @auth(role: String) on FIELD_DEFINITION | OBJECT
        interface Node { id: ID! }
        type Query { product(id: ID!, locale: String = "en"): Product, products(first: Int): [Product!]! }
        type Mutation { addProduct(input: ProductInput!): Product }
        type Product implements Node { id: ID! name: String! price: Float tags: [String] status: Status }
        type Review { stars: Int }
        union SearchResult = Product | Review
        enum Status { ACTIVE RETIRED }
        input ProductInput { name: String! price: Float }
        scalar Date
        """;

    private static IReadOnlyList<ContractChange> Diff(string before, string after)
    {
        var old = GraphQLSchema.Parse(before, out var e1) ?? throw new InvalidOperationException(e1.ToString());
        var now = GraphQLSchema.Parse(after, out var e2) ?? throw new InvalidOperationException(e2.ToString());
        return GraphQLComparer.Compare(old, now);
    }

    private static string Edit(string from, string to)
    {
        var at = Base.IndexOf(from, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0));
        return Base[..at] + to + Base[(at + from.Length)..]; // the first occurrence only
    }

    private static IEnumerable<TestCaseData> Pairs()
    {
        TestCaseData Case(string name, string from, string to, params string[] expected) =>
            new TestCaseData(from, to, expected).SetName(name);

        // Breaking (graphql-js BreakingChangeType)
        yield return Case("TYPE_REMOVED", "type Review { stars: Int }", "", "TYPE_REMOVED Review: object type removed");
        yield return Case("TYPE_CHANGED_KIND", "scalar Date", "enum Date { TODAY }", "TYPE_CHANGED_KIND Date: scalar -> enum");
        yield return Case("VALUE_REMOVED_FROM_ENUM", "enum Status { ACTIVE RETIRED }", "enum Status { ACTIVE }", "VALUE_REMOVED_FROM_ENUM Status.RETIRED: enum value removed");
        yield return Case("REQUIRED_INPUT_FIELD_ADDED", "input ProductInput { name: String! price: Float }", "input ProductInput { name: String! price: Float sku: String! }", "REQUIRED_INPUT_FIELD_ADDED ProductInput.sku: required input field added (String!)");
        yield return Case("IMPLEMENTED_INTERFACE_REMOVED", "type Product implements Node {", "type Product {", "IMPLEMENTED_INTERFACE_REMOVED Product: no longer implements Node");
        yield return Case("FIELD_REMOVED", "price: Float tags", "tags", "FIELD_REMOVED Product.price: field removed");
        yield return Case("FIELD_CHANGED_KIND", "name: String!", "name: Int", "FIELD_CHANGED_KIND Product.name: String! -> Int");
        yield return Case("FIELD_CHANGED_KIND nullable output", "name: String!", "name: String", "FIELD_CHANGED_KIND Product.name: String! -> String");
        yield return Case("REQUIRED_ARG_ADDED", "products(first: Int)", "products(first: Int, after: String!)", "REQUIRED_ARG_ADDED Query.products(after:): required argument added (String!)");
        yield return Case("ARG_REMOVED", "products(first: Int)", "products", "ARG_REMOVED Query.products(first:): argument removed");
        yield return Case("ARG_CHANGED_KIND", "product(id: ID!,", "product(id: Int!,", "ARG_CHANGED_KIND Query.product(id:): ID! -> Int!");
        yield return Case("ARG_CHANGED_KIND stricter input", "products(first: Int)", "products(first: Int!)", "ARG_CHANGED_KIND Query.products(first:): Int -> Int!");
        yield return Case("DIRECTIVE_REMOVED", "directive @auth(role: String) on FIELD_DEFINITION | OBJECT\n", "", "DIRECTIVE_REMOVED @auth: directive removed");
        yield return Case("DIRECTIVE_ARG_REMOVED", "@auth(role: String)", "@auth", "DIRECTIVE_ARG_REMOVED @auth(role:): argument removed");
        yield return Case("REQUIRED_DIRECTIVE_ARG_ADDED", "@auth(role: String)", "@auth(role: String, scope: String!)", "REQUIRED_DIRECTIVE_ARG_ADDED @auth(scope:): required argument added (String!)");
        yield return Case("directive made repeatable", "@auth(role: String) on", "@auth(role: String) repeatable on", "DIRECTIVE_CHANGED_SAFELY @auth: now repeatable");
        yield return Case("DIRECTIVE_LOCATION_REMOVED", "on FIELD_DEFINITION | OBJECT", "on FIELD_DEFINITION", "DIRECTIVE_LOCATION_REMOVED @auth: location OBJECT removed");
        yield return Case("ROOT_TYPE_CHANGED", "schema { query: Query mutation: Mutation }", "schema { query: Query }", "ROOT_TYPE_CHANGED schema.mutation: Mutation is no longer the mutation type");

        // Dangerous (graphql-js DangerousChangeType)
        yield return Case("VALUE_ADDED_TO_ENUM", "enum Status { ACTIVE RETIRED }", "enum Status { ACTIVE RETIRED DRAFT }", "VALUE_ADDED_TO_ENUM Status.DRAFT: enum value added");
        yield return Case("TYPE_ADDED_TO_UNION", "union SearchResult = Product | Review", "union SearchResult = Product | Review | Date2\ntype Date2 { d: Int }", "TYPE_ADDED_TO_UNION SearchResult: member Date2 added", "TYPE_ADDED Date2: object type added");
        yield return Case("OPTIONAL_INPUT_FIELD_ADDED", "price: Float }", "price: Float note: String }", "OPTIONAL_INPUT_FIELD_ADDED ProductInput.note: optional input field added (String)");
        yield return Case("OPTIONAL_ARG_ADDED", "products(first: Int)", "products(first: Int, after: String)", "OPTIONAL_ARG_ADDED Query.products(after:): optional argument added (String)");
        yield return Case("IMPLEMENTED_INTERFACE_ADDED", "type Review { stars: Int }", "type Review implements Node { stars: Int id: ID! }", "IMPLEMENTED_INTERFACE_ADDED Review: now implements Node", "FIELD_ADDED Review.id: field added (ID!)");
        yield return Case("ARG_DEFAULT_VALUE_CHANGE", "locale: String = \"en\"", "locale: String = \"de\"", "ARG_DEFAULT_VALUE_CHANGE Query.product(locale:): default \"en\" -> \"de\"");

        // Safe
        yield return Case("FIELD_ADDED", "price: Float tags", "price: Float sku: String tags", "FIELD_ADDED Product.sku: field added (String)");
        yield return Case("stricter output", "price: Float", "price: Float!", "FIELD_TYPE_CHANGED_SAFELY Product.price: Float -> Float!");
        yield return Case("looser input", "product(id: ID!,", "product(id: ID,", "FIELD_TYPE_CHANGED_SAFELY Query.product(id:): ID! -> ID");
        yield return Case("DEPRECATION_ADDED", "name: String!", "name: String! @deprecated(reason: \"use title\")", "DEPRECATION_ADDED Product.name: deprecated");
    }

    [TestCaseSource(nameof(Pairs))]
    public void Each_change_is_reported_with_its_rule_and_path(string from, string to, string[] expected)
    {
        var changes = Diff(Base, Edit(from, to));
        Assert.That(changes.Select(c => $"{c.Rule} {c.Message}"), Is.EquivalentTo(expected));
        foreach (var change in changes)
        {
            Assert.That(GraphQLComparer.Rules.Single(r => r.Id == change.Rule).Level, Is.EqualTo(change.Level));
        }
    }

    [Test]
    public void Rewrites_that_keep_the_meaning_report_nothing()
    {
        // Reordered definitions and fields, descriptions and comments, extensions instead of one definition,
        // other whitespace, a default written differently spaced.
        const string rewritten = """
            "The catalog"
            scalar Date
            enum Status { RETIRED ACTIVE }
            input ProductInput { price: Float, name: String! }
            union SearchResult = Review | Product
            # a comment
            type Review { stars: Int }
            type Product implements Node {
              "the id" id: ID!
              status: Status
              tags: [String]
              price: Float
            }
            extend type Product { name: String! }
            type Mutation { addProduct(input: ProductInput!): Product }
            type Query {
              products(first: Int): [Product!]!
              product(locale: String   =   "en", id: ID!): Product
            }
            interface Node { id: ID! }
            directive @auth(role: String) on OBJECT | FIELD_DEFINITION
            schema { mutation: Mutation query: Query }
            """;
        Assert.That(Diff(Base, rewritten), Is.Empty);
    }

    [Test]
    public void A_syntax_error_says_where()
    {
        Assert.That(GraphQLSchema.Parse("type Query {\n  name: \n}", out var error), Is.Null);
        Assert.That(error!.Value.Line, Is.EqualTo(3));
        Assert.That(error.Value.Column, Is.EqualTo(1));
    }
}
