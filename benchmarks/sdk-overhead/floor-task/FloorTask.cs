namespace FloorTask;

/// <summary>Writes one small file into the project's obj/ folder, the least a generation task can do.</summary>
public sealed class WriteMarker : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public string File { get; set; } = string.Empty;

    public override bool Execute()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllText(File, "floor");
        return true;
    }
}
