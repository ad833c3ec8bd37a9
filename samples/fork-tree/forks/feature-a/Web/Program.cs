// feature-A: inherits core and infra, owns frontend, overrides the theme and Newtonsoft.Json.
using System.Reflection;

var theme = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Theme").Value;
var json = typeof(Newtonsoft.Json.JsonConvert).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
Console.WriteLine($"feature-A web: theme {theme}, Newtonsoft.Json {json}, {new Core.Order("A-1", 12.5m).ToJson()}");
