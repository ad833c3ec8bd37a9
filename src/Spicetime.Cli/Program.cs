using System.Text;
using Spicetime.Cli;

// Redirected output (a file, a pipe, $(...) in CI) is written in 64 KB blocks, as UTF-8: Console.Out writes every 256
// characters, 28,000 writes for the 7 MB `affected --format json` of 6,600 projects. A terminal keeps Console.Out, so
// that output and errors appear in the order they are written.
if (!Console.IsOutputRedirected)
{
    return SpicetimeCli.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);
}

using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
return SpicetimeCli.Run(args, output, Console.Error, Environment.CurrentDirectory);
