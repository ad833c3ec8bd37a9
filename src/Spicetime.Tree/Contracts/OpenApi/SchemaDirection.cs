namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>Which way a schema's values travel: what a client sends breaks when it gets stricter, what it receives when it gets looser.</summary>
internal enum SchemaDirection
{
    Request,
    Response,
}
