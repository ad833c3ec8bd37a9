namespace Core;

/// <summary>An order, serialised with Newtonsoft.Json (which scope core brings).</summary>
public sealed record Order(string Id, decimal Total)
{
    public string ToJson() => Newtonsoft.Json.JsonConvert.SerializeObject(this);

    // Nullable annotations compile warning-free because core sets Nullable=enable.
    public static string? IdOf(Order? order) => order?.Id;
}
