using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Web;

/// <summary>
/// A Quire server process on a fresh database of the fixture's engine (a real TCP port, which a browser
/// needs) and a headless Debian Chromium driven through chromedriver, for one browser test. Nothing downloads
/// a browser or a driver: both paths are given, and Selenium Manager is told to stay offline. Without
/// chromium the test skips with the reason, except under CI=true, where that is a failure.
/// Screenshots go to <c>screenshots/</c> beside the test assembly.
/// </summary>
public sealed class BrowserSite : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    private BrowserSite(ServerProcess server, ChromeDriver driver)
    {
        Server = server;
        Driver = driver;
        Admin = server.Admin();
    }

    public ServerProcess Server { get; }
    public ChromeDriver Driver { get; }

    /// <summary>The bootstrap admin over HTTP Basic, to set the site up through the API.</summary>
    public HttpClient Admin { get; }

    /// <summary>Starts the server (with <paramref name="settings"/> added) and the browser; skips when chromium is absent outside CI.</summary>
    public static async Task<BrowserSite> StartAsync(ServerFixture fixture, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Skip.If(fixture.Server is null, fixture.UnavailableReason);
        var missing = new[] { ChromiumPath, ChromeDriverPath }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            var reason = $"Browser tests need Debian's chromium and chromium-driver ({string.Join(", ", missing)} missing): apt-get install -y chromium chromium-driver";
            if (PostgresServerFixture.IsCi) throw new InvalidOperationException("CI=true requires the browser tests to run. " + reason);
            Skip.If(true, reason);
        }

        var serverSettings = await fixture.FreshDatabaseAsync();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) serverSettings[key] = value;
        var server = await ServerProcess.StartAsync(serverSettings);
        try
        {
            return new BrowserSite(server, StartChromium());
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static ChromeDriver StartChromium()
    {
        // Selenium Manager would otherwise look for (and download) a browser or driver it likes better.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
            "--no-first-run", "--disable-extensions", "--lang=en-US");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return driver;
    }

    /// <summary>The absolute address of a path on the server.</summary>
    public string Url(string path) => new Uri(Server.Address, path).ToString();

    public void Open(string path) => Driver.Navigate().GoToUrl(Url(path));

    /// <summary>Signs in through the sign-in page's form, as a person would, and waits for the page it leads to.</summary>
    public void SignIn(string login, string secret, string destination = "/wiki/spaces")
    {
        Open("/wiki/login.action?os_destination=" + Uri.EscapeDataString(destination));
        Driver.FindElement(By.Id("os_username")).SendKeys(login);
        Driver.FindElement(By.Id("os_password")).SendKeys(secret);
        Driver.FindElement(By.CssSelector("form.login-form button[type=submit]")).Click();
        Wait(d => !d.Url.Contains("/login.action", StringComparison.Ordinal));
    }

    public void SignInAsAdmin(string destination = "/wiki/spaces") => SignIn(QuireServer.AdminEmail, QuireServer.AdminToken, destination);

    /// <summary>Waits (up to 20 s) until <paramref name="condition"/> holds.</summary>
    public T Wait<T>(Func<IWebDriver, T> condition) =>
        new WebDriverWait(Driver, TimeSpan.FromSeconds(20)).Until(condition);

    /// <summary>Saves what the browser shows as <c>screenshots/NAME.png</c> and answers the file's path.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>Whether the page ran a script it should not have: an alert open, or a global the hostile strings set.</summary>
    public bool InjectedScriptRan()
    {
        try
        {
            Driver.SwitchTo().Alert();
            return true;
        }
        catch (NoAlertPresentException)
        {
            return Driver.ExecuteScript("return window.__quireInjected === true;") is true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            Admin.Dispose();
            await Server.DisposeAsync();
        }
    }
}
