// release: core (Newtonsoft.Json, the Core project, implicit usings) and infra (Serilog).
using Serilog;

Log.Logger = new LoggerConfiguration().CreateLogger();
var order = new Core.Order("R-1", 99m);
Console.WriteLine($"release service: {order.ToJson()}");
