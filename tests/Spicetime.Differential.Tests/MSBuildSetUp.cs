using Microsoft.Build.Locator;

namespace Spicetime.Differential.Tests;

/// <summary>Registers the .NET SDK's MSBuild once, before any test touches an MSBuild type.</summary>
[SetUpFixture]
public sealed class MSBuildSetUp
{
    [OneTimeSetUp]
    public void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
