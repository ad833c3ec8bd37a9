using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Spicetime.Tree.Contracts.OpenApi;

/// <summary>
/// Reads an OpenAPI 3.0 or 3.1 description, JSON or YAML, with Microsoft.OpenApi (the YAML reader added). A document
/// that does not parse, or is not OpenAPI 3, gives an error with the line and column the reader names (1-based).
/// </summary>
public static class OpenApiContract
{
    private static readonly Regex JsonPosition = new(@"LineNumber: (\d+) \| BytePositionInLine: (\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex YamlPosition = new(@"at line (\d+), column (\d+)", RegexOptions.CultureInvariant);

    public static OpenApiDocument? Parse(string text, string fileName, out (int Line, int Column, string Message)? error)
    {
        error = null;
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var format = text.TrimStart().StartsWith('{') ? "json" : "yaml";
        ReadResult result;
        try
        {
            result = OpenApiDocument.Parse(text, format, settings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reader throws more than it documents for some inputs (OpenApiUnsupportedSpecVersionException for
            // "openapi: 3.properties.0", found by ContractMutationTests): at this boundary, anything it throws is the
            // file's problem, reported as such, never a stack trace in a build.
            error = (1, 1, e.Message);
            return null;
        }

        var problem = result.Diagnostic?.Errors.FirstOrDefault();
        if (result.Document is null || problem is not null)
        {
            var message = problem?.Message ?? $"{fileName} is not an OpenAPI description";
            error = Position(message, format, problem?.Pointer);
            return null;
        }

        return result.Document;
    }

    private static (int, int, string) Position(string message, string format, string? pointer)
    {
        if (format == "json" && JsonPosition.Match(message) is { Success: true } json)
        {
            // System.Text.Json counts lines from 0.
            return (int.Parse(json.Groups[1].Value, CultureInfo.InvariantCulture) + 1, int.Parse(json.Groups[2].Value, CultureInfo.InvariantCulture) + 1, message);
        }

        if (YamlPosition.Match(message) is { Success: true } yaml)
        {
            return (int.Parse(yaml.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(yaml.Groups[2].Value, CultureInfo.InvariantCulture), message);
        }

        return (1, 1, string.IsNullOrEmpty(pointer) ? message : $"{message} (at {pointer})");
    }
}
