using System.Net;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Networking;

/// <summary>
/// Contact details travel only by the mail both agreed to: through the real path (accept → two notices → delivery →
/// SMTP), each in its reader's language, each with the other's e-mail address and link; nothing before, nothing on a decline.
/// </summary>
public sealed class NetworkingMailTests(MailSiteHost host) : IClassFixture<MailSiteHost>
{
    [Fact]
    public async Task BothAgree_EachReceivesTheOthersContact_InTheirOwnLanguage()
    {
        var meetup = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        var cal = await host.PersonAsync("Cal");
        foreach (var p in new[] { ana, ben, cal })
        {
            await p.RegisterAsync(meetup);
            await p.OptInAsync(meetup);
        }

        await host.InScopeAsync(db => db.Users.Where(u => u.Id == ana.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "es")));
        await host.InScopeAsync(db => db.Users.Where(u => u.Id == ben.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "en")));
        var benId = await ana.Client.Http.AttendeeIdAsync(meetup, ben);
        var calId = await ana.Client.Http.AttendeeIdAsync(meetup, cal);
        host.Clock.MoveTo(meetup.End.AddHours(2));
        var anaNow = await host.AgainAsync(ana);
        var benNow = await host.AgainAsync(ben);
        var calNow = await host.AgainAsync(cal);
        var toBen = (await (await anaNow.AskAsync(meetup, benId)).JsonAsync()).GetProperty("id").GetGuid();
        var toCal = (await (await anaNow.AskAsync(meetup, calId)).JsonAsync()).GetProperty("id").GetGuid();

        // Asked but not answered, then declined: no mail names anyone.
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Equal(HttpStatusCode.OK, (await calNow.PostAsync($"/api/v1/me/connection-requests/{toCal}/decline", null)).StatusCode);
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Empty(Contacts(ana));
        Assert.Empty(Contacts(cal));

        Assert.Equal(HttpStatusCode.OK, (await benNow.PostAsync($"/api/v1/me/connection-requests/{toBen}/accept", null)).StatusCode);
        Assert.Empty(await host.DeliverAllAsync());
        await Eventually.TrueAsync(() => Task.FromResult(Contacts(ana).Count == 1 && Contacts(ben).Count == 1), "both mails to arrive");

        var spanish = Contacts(ana).Single();
        Assert.Equal($"Ya está en contacto con {ben.Name}", spanish.Subject);
        Assert.Contains("ambos aceptaron compartir sus datos de contacto", spanish.TextBody, StringComparison.Ordinal);
        Assert.Contains(ben.Email, spanish.TextBody, StringComparison.Ordinal);
        Assert.Contains(ben.Link, spanish.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(cal.Email, spanish.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", spanish.HtmlBody, StringComparison.Ordinal);

        var english = Contacts(ben).Single();
        Assert.Equal($"You are connected with {ana.Name}", english.Subject);
        Assert.Contains("both agreed to share contact details", english.TextBody, StringComparison.Ordinal);
        Assert.Contains(ana.Email, english.TextBody, StringComparison.Ordinal);
        Assert.Contains(ana.Link, english.TextBody, StringComparison.Ordinal);
        Assert.Contains(MailSiteHost.PublicUrl + "/account/networking", english.TextBody, StringComparison.Ordinal);
        Assert.Empty(Contacts(cal));
    }

    // The registration mails go to them too; these are the ones that share contact details.
    private List<MimeKit.MimeMessage> Contacts(Person person) =>
        host.Smtp.To(person.Email).Where(m => (m.TextBody ?? "").Contains("/account/networking", StringComparison.Ordinal)).ToList();
}
