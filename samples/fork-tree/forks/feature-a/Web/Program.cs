// feature-A: inherits core and infra, owns frontend, overrides the theme and Newtonsoft.Json. The Web API compiles
// because of the Core project and implicit usings (core) and its Components library; every response names the fork and
// the version it packs as, and the theme its scope chose.
using System.Reflection;
using Components;
using Core;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var assembly = Assembly.GetExecutingAssembly();
var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
var branch = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SpicetimeBranch").Value;
var json = typeof(Newtonsoft.Json.JsonConvert).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
Order[] orders = [new("A-1", 12.5m), new("A-2", 40m)];

app.Use((context, next) =>
{
    context.Response.Headers["Spicetime-Fork"] = $"{branch} {version}";
    context.Response.Headers["Spicetime-Scope"] = $"theme={Theme.Name}; Newtonsoft.Json={json}";
    return next(context);
});

// The paths and shapes of forks/feature-a/contracts/orders.openapi.yaml.
app.MapGet("/orders", (int? page, string? theme) =>
    orders.Skip(((page ?? 1) - 1) * 20).Take(20).Select(o => WebOrder.Of(o, theme ?? Theme.Name)));
app.MapGet("/orders/{orderId}", (string orderId) =>
    orders.FirstOrDefault(o => o.Id == orderId) is { } order ? Results.Ok(WebOrder.Of(order, Theme.Name)) : Results.NotFound());
app.MapGet("/orders/{orderId}/card", async (string orderId, HttpContext context) =>
{
    if (orders.FirstOrDefault(o => o.Id == orderId) is not { } order)
    {
        return Results.NotFound();
    }

    await using var renderer = new HtmlRenderer(context.RequestServices, context.RequestServices.GetRequiredService<ILoggerFactory>());
    var html = await renderer.Dispatcher.InvokeAsync(async () =>
        (await renderer.RenderComponentAsync<OrderCard>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(OrderCard.Order)] = order }))).ToHtmlString());
    return Results.Content(html, "text/html");
});

app.Run();

/// <summary>An order as the web shop serves it: Core's order with a thumbnail in the fork's theme.</summary>
internal sealed record WebOrder(string Id, decimal Total, string Status, string Thumbnail)
{
    public static WebOrder Of(Order order, string theme) =>
        new(order.Id, order.Total, "open", $"https://shop.example/thumbnails/{theme}/{order.Id}.png");
}
