using System.Text.Encodings.Web;
using System.Text.Json;

namespace Spicetime.Tree.Json;

/// <summary>JSON the CLI prints and the graph page embeds: written with Utf8JsonWriter (fixed key order), non-ASCII and '+' left readable.</summary>
public static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
