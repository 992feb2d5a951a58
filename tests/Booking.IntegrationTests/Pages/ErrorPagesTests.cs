using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Pages;

/// <summary>The app with two addresses that fail on purpose, a page's and the API's, to see what each answers.</summary>
public sealed class FailingHost : MakerspaceHost
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, FailingAddresses>());
    }

    /// <summary>After the app's own pipeline (so inside its error handling): addresses no endpoint claims, which throw.</summary>
    private sealed class FailingAddresses : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context =>
            {
                if (context.Request.Path.Value is "/test-failure" or "/api/v1/test-failure")
                {
                    throw new InvalidOperationException("Broken on purpose.");
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound; // as the end of the app's own pipeline answers
                return Task.CompletedTask;
            });
        };
    }
}

/// <summary>People get error pages in the site's look (404, 403, 500); the API keeps problem details.</summary>
public sealed class ErrorPagesTests(FailingHost host) : IClassFixture<FailingHost>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/resources/6b1f3f5e-1d1a-4c51-9a43-2f1e9d6c0a11")] // a page's own NotFound()
    [InlineData("/sessions/6b1f3f5e-1d1a-4c51-9a43-2f1e9d6c0a11")]
    public async Task Get_UnknownPage_HtmlNotFoundPageInTheSitesLook(string path)
    {
        var response = await host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", html);
        Assert.Contains("<title>Page not found · Makerspace</title>", html);
        Assert.Contains("href=\"/css/site.css", html);
        Assert.Contains("aria-label=\"Main\"", html); // the site's menu, so there is a way on
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/resources/6b1f3f5e-1d1a-4c51-9a43-2f1e9d6c0a11")]
    public async Task Get_UnknownApiPath_ProblemJsonNotHtml(string path)
    {
        var response = await host.CreateClient().GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("/error/500")]
    [InlineData("/error/403")]
    public async Task Get_ErrorPageAddressItself_NotFoundNeverItsStatus(string path)
    {
        var response = await host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_PageThatFails_Html500SaysNothingChanged_ApiThatFails_Problem500()
    {
        var page = await host.CreateClient().GetAsync("/test-failure");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Something went wrong on our side</h1>", html);
        Assert.Contains("Reference for staff", html);
        Assert.DoesNotContain("Broken on purpose", html); // no internals shown
        Assert.DoesNotContain("InvalidOperationException", html);

        var api = await host.CreateClient().GetAsync("/api/v1/test-failure");
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_AdminPageAsStaff_403PageSaysForAdminsOnly_AdminApiAsStaff_Problem403()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var browser = new PageSession(host);
        await browser.SignInAsync(staff.Email, MakerspaceHost.Password);

        var html = await browser.GetAsync("/admin/locations", HttpStatusCode.Forbidden);
        Assert.Contains("<h1>Not for this account</h1>", html);
        Assert.Contains("This page is for admins only.", html);
        Assert.DoesNotContain("sign in with your staff account", html);
        Assert.Contains("href=\"/desk\"", html); // where staff can go instead

        var api = await staff.Http.PostAsync("/api/v1/locations", JsonContent.Create(new { name = "No", timeZone = "America/New_York" }));
        await api.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Get_DeskPageAsPatron_403PageSaysForStaff_AnonymousSentToSignIn()
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var html = await browser.GetAsync("/desk/maintenance", HttpStatusCode.Forbidden);
        Assert.Contains("This page is for library staff only.", html);

        var anonymous = await host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/desk/maintenance");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in?ReturnUrl=", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
