using Spicetime.Cli;

return SpicetimeCli.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);
