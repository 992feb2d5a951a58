using System.Net;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>The admin pages with plain forms and no JavaScript: each change lands, bad input is refused beside its field and nothing is written.</summary>
public sealed class AdminPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Locations_AddThenSetHoursWithTwoPeriods_Stored()
    {
        var admin = await AdminAsync();
        var name = $"Branch {Guid.NewGuid():N}";

        var (_, html, url) = await admin.SubmitAsync("/admin/locations", "/admin/locations", new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Address"] = "2 Mill Lane",
            ["TimeZone"] = "Europe/Amsterdam",
        });

        Assert.Contains($"Added {name}", html);
        var id = Guid.Parse(url!.AbsolutePath.Split('/')[^1]);
        var stored = await host.InScopeAsync(db => db.Locations.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(("Europe/Amsterdam", "2 Mill Lane"), (stored.TimeZoneId, stored.Address));

        var page = $"/admin/locations/{id}";
        var (_, saved, _) = await admin.SubmitAsync(page, $"{page}?handler=Hours", new Dictionary<string, string>
        {
            ["Hours[0].Day"] = "Monday",
            ["Hours[0].Opens"] = "09:00",
            ["Hours[0].Closes"] = "12:00",
            ["Hours[1].Day"] = "Monday",
            ["Hours[1].Opens"] = "13:00",
            ["Hours[1].Closes"] = "17:00",
            ["Hours[2].Day"] = "Tuesday",
            ["Hours[2].Opens"] = "",
            ["Hours[2].Closes"] = "",
            ["Hours[3].Day"] = "Saturday",
            ["Hours[3].Opens"] = "10:00",
            ["Hours[3].Closes"] = "14:00",
        });

        Assert.Contains("Saved the opening hours", saved);
        var hours = await host.InScopeAsync(async db => (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == id)).OpeningHours);
        Assert.Equal(3, hours.Count);
        Assert.Equal(2, hours.Count(h => h.Day == DayOfWeek.Monday));
        Assert.Contains(hours, h => h.Day == DayOfWeek.Saturday && h.Opens == new TimeOnly(10, 0) && h.Closes == new TimeOnly(14, 0));
        Assert.Contains("value=\"13:00\"", saved); // the form shows what is stored
    }

    [Fact]
    public async Task Locations_UnknownZoneAndNoName_MessagesBesideFieldsNothingWritten()
    {
        var admin = await AdminAsync();
        var before = await host.InScopeAsync(db => db.Locations.CountAsync());

        var (status, html, _) = await admin.SubmitAsync("/admin/locations", "/admin/locations", new Dictionary<string, string>
        {
            ["Name"] = " ",
            ["TimeZone"] = "Mars/Olympus_Mons",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing was saved", html);
        Assert.Contains("name is required", FieldMessage(html, "Name"));
        Assert.Contains("is not an IANA time zone", FieldMessage(html, "TimeZone"));
        Assert.Equal(before, await host.InScopeAsync(db => db.Locations.CountAsync()));
    }

    [Fact]
    public async Task Locations_ZoneList_GroupedByRegionNamedByCity_ServerZonePreselectedOnlyWhenAPlace()
    {
        var admin = await AdminAsync();
        var utc = host.Clock.LocalTimeZone;
        try
        {
            host.Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
            var onUtc = await admin.GetAsync("/admin/locations");
            Assert.Contains("<optgroup label=\"America\">", onUtc);
            Assert.Contains("<option value=\"America/New_York\">New York (America/New_York)</option>", onUtc);
            Assert.DoesNotContain("selected=\"selected\"", onUtc);
            // The odd ids come last, after every region.
            Assert.True(onUtc.IndexOf("<optgroup label=\"Pacific\">", StringComparison.Ordinal) < onUtc.IndexOf("<optgroup label=\"Other\">", StringComparison.Ordinal));

            host.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
            var onAmsterdam = await admin.GetAsync("/admin/locations");
            Assert.Contains("<option value=\"Europe/Amsterdam\" selected=\"selected\">Amsterdam (Europe/Amsterdam)</option>", onAmsterdam);
        }
        finally
        {
            host.Clock.SetLocalTimeZone(utc);
        }
    }

    [Theory]
    [InlineData("weekdays", 5)]
    [InlineData("week", 7)]
    public async Task Hours_CopyMonday_FillsTheFormUnsaved_ThenSaveStoresIt(string copyTo, int days)
    {
        var admin = await AdminAsync();
        var branch = await host.BranchAsync(Zone);
        var page = $"/admin/locations/{branch.Id}";
        var before = await host.InScopeAsync(async db => (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id)).OpeningHours);

        var (status, html, _) = await admin.SubmitAsync(page, $"{page}?handler=CopyMonday", new Dictionary<string, string>
        {
            ["copyTo"] = copyTo,
            ["Hours[0].Day"] = "Monday",
            ["Hours[0].Opens"] = "09:30",
            ["Hours[0].Closes"] = "12:00",
            ["Hours[1].Day"] = "Monday",
            ["Hours[1].Opens"] = "13:00",
            ["Hours[1].Closes"] = "16:45",
            ["Hours[2].Day"] = "Saturday",
            ["Hours[2].Opens"] = "10:00",
            ["Hours[2].Closes"] = "14:00",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing is saved yet", html);
        Assert.Equal(days, Regex.Matches(html, "value=\"09:30\"").Count);
        Assert.Equal(days, Regex.Matches(html, "value=\"16:45\"").Count);
        Assert.Equal(copyTo == "week" ? 0 : 1, Regex.Matches(html, "value=\"14:00\"").Count);
        Assert.Equal(before, await host.InScopeAsync(async db => (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id)).OpeningHours));

        // The shown form, posted as it stands, saves the copy.
        var fields = Regex.Matches(html, @"name=""(Hours\[\d+\]\.\w+)"" value=""([^""]*)""")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var (_, saved, _) = await admin.SubmitAsync(page, $"{page}?handler=Hours", fields);
        Assert.Contains("Saved the opening hours", saved);
        var hours = await host.InScopeAsync(async db => (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id)).OpeningHours);
        Assert.Equal(days, hours.Where(h => h.Opens == new TimeOnly(9, 30) && h.Closes == new TimeOnly(12, 0)).Select(h => h.Day).Distinct().Count());
        Assert.Equal(days, hours.Count(h => h.Opens == new TimeOnly(13, 0) && h.Closes == new TimeOnly(16, 45)));
    }

    [Fact]
    public async Task Hours_ClosesBeforeOpensOrOverlapping_MessageBesideThePeriodHoursUnchanged()
    {
        var branch = await host.BranchAsync(Zone);
        var admin = await AdminAsync();
        var page = $"/admin/locations/{branch.Id}";

        var (_, backwards, _) = await admin.SubmitAsync(page, $"{page}?handler=Hours", new Dictionary<string, string>
        {
            ["Hours[0].Day"] = "Monday",
            ["Hours[0].Opens"] = "",
            ["Hours[0].Closes"] = "",
            ["Hours[1].Day"] = "Monday",
            ["Hours[1].Opens"] = "17:00",
            ["Hours[1].Closes"] = "09:00",
        });
        Assert.Contains("must close after it opens", FieldMessage(backwards, "Hours[1].Closes"));

        var (_, overlapping, _) = await admin.SubmitAsync(page, $"{page}?handler=Hours", new Dictionary<string, string>
        {
            ["Hours[0].Day"] = "Monday",
            ["Hours[0].Opens"] = "09:00",
            ["Hours[0].Closes"] = "13:00",
            ["Hours[1].Day"] = "Monday",
            ["Hours[1].Opens"] = "12:00",
            ["Hours[1].Closes"] = "17:00",
        });
        Assert.Contains("overlap", FieldMessage(overlapping, "Hours"));

        var hours = await host.InScopeAsync(async db => (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id)).OpeningHours);
        Assert.Equal(7, hours.Count);
        Assert.All(hours, h => Assert.Equal(new TimeOnly(8, 0), h.Opens));
    }

    [Fact]
    public async Task Closure_CancelsTheReservationInside_SaysHowMany_ThenRemoved()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-14T10:00");
        var reservationId = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var admin = await AdminAsync();
        var page = $"/admin/locations/{branch.Id}";

        var (_, html, _) = await admin.SubmitAsync(page, $"{page}?handler=AddClosure", new Dictionary<string, string>
        {
            ["ClosureDate"] = "2026-01-14",
            ["ClosureReason"] = "Burst pipe",
        });

        Assert.Contains("1 reservation inside it was cancelled", html);
        Assert.Contains("Burst pipe", html);
        Assert.Equal(ReservationStatus.Cancelled, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == reservationId).Select(r => r.Status).SingleAsync()));
        var closureId = (await host.InScopeAsync(db => db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id))).Closures.Single().Id;

        var (_, removed, _) = await admin.SubmitAsync(page, $"{page}?handler=RemoveClosure&closureId={closureId}", new Dictionary<string, string>());
        Assert.Contains("Removed the closure", removed);
        Assert.Empty((await host.InScopeAsync(db => db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id))).Closures);
    }

    [Fact]
    public async Task Closure_EndBeforeStartOrNoReason_MessagesBesideFieldsNothingWritten()
    {
        var branch = await host.BranchAsync(Zone);
        var admin = await AdminAsync();
        var page = $"/admin/locations/{branch.Id}";

        var (_, html, _) = await admin.SubmitAsync(page, $"{page}?handler=AddClosure", new Dictionary<string, string>
        {
            ["ClosureStarts"] = "2026-01-20T15:00",
            ["ClosureEnds"] = "2026-01-20T11:00",
            ["ClosureReason"] = "",
        });

        Assert.Contains("must end after it starts", FieldMessage(html, "ClosureEnds"));
        Assert.Contains("reason is required", FieldMessage(html, "ClosureReason"));
        Assert.Empty((await host.InScopeAsync(db => db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id))).Closures);
    }

    [Fact]
    public async Task Resource_AddWithOverrideAndCertification_ThenOutOfServiceAndBack()
    {
        var branch = await host.BranchAsync(Zone);
        var certificationId = await host.InScopeAsync(async db =>
        {
            var definition = new Domain.Certifications.CertificationDefinition($"Safety {Guid.NewGuid():N}", null, 12, null, DateTime.UtcNow);
            db.Certifications.Add(definition);
            await db.SaveChangesAsync();
            return definition.Id;
        });
        var admin = await AdminAsync();
        var name = $"Printer {Guid.NewGuid():N}"[..20];

        var (_, html, url) = await admin.SubmitAsync("/admin/resources/new", "/admin/resources/new", new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Kind"] = KnownKinds.Printer3D,
            ["LocationId"] = branch.Id.ToString(),
            ["Description"] = "Prusa MK4",
            ["Capacity"] = "1",
            ["RequiredCertificationIds"] = certificationId.ToString(),
            ["Policy.MaxDurationMinutes"] = "60",
            ["Policy.SlotMinutes"] = "",
            ["Policy.RequiresApproval"] = "",
        });

        Assert.Contains($"Added {name}", html);
        var id = Guid.Parse(url!.AbsolutePath.Split('/')[^1]);
        var stored = await host.InScopeAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(new PolicyOverride { MaxDurationMinutes = 60 }, stored.PolicyOverride);
        Assert.Equal([certificationId], stored.RequiredCertificationIds);
        Assert.Equal((KnownKinds.Printer3D, branch.Id, "Prusa MK4"), (stored.KindCode, stored.LocationId, stored.Description));

        var page = $"/admin/resources/{id}";
        var (_, outOfService, _) = await admin.SubmitAsync(page, $"{page}?handler=OutOfService", new Dictionary<string, string> { ["OutOfServiceReason"] = "Nozzle jammed" });
        Assert.Contains("is out of service", outOfService);
        Assert.True(await host.InScopeAsync(db => db.Resources.Where(r => r.Id == id).Select(r => r.IsOutOfService).SingleAsync()));

        var (_, back, _) = await admin.SubmitAsync(page, $"{page}?handler=ReturnToService", new Dictionary<string, string>());
        Assert.Contains("is back in service", back);
        Assert.False(await host.InScopeAsync(db => db.Resources.Where(r => r.Id == id).Select(r => r.IsOutOfService).SingleAsync()));
    }

    [Fact]
    public async Task Resource_EditChangesNameAndClearsOverride()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { MaxDurationMinutes = 60 });
        var admin = await AdminAsync();
        var page = $"/admin/resources/{room.Id}";
        Assert.Contains("value=\"60\"", await admin.GetAsync(page));

        var (_, html, _) = await admin.SubmitAsync(page, page, new Dictionary<string, string>
        {
            ["Name"] = "Quiet room",
            ["Kind"] = KnownKinds.Room,
            ["LocationId"] = branch.Id.ToString(),
            ["Capacity"] = "6",
            ["Policy.MaxDurationMinutes"] = "",
        });

        Assert.Contains("Saved Quiet room", html);
        var stored = await host.InScopeAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == room.Id));
        Assert.Equal(("Quiet room", 6, new PolicyOverride()), (stored.Name, stored.Capacity, stored.PolicyOverride));
    }

    [Fact]
    public async Task Resource_UnusablePolicyUnreadableNumberAndNoName_MessagesBesideFieldsNothingWritten()
    {
        var branch = await host.BranchAsync(Zone);
        var admin = await AdminAsync();
        var before = await host.InScopeAsync(db => db.Resources.CountAsync());
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "",
            ["Kind"] = KnownKinds.Room,
            ["LocationId"] = branch.Id.ToString(),
            ["Policy.SlotMinutes"] = "7",
        };

        var (status, unusable, _) = await admin.SubmitAsync("/admin/resources/new", "/admin/resources/new", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("name is required", FieldMessage(unusable, "Name"));
        Assert.Contains("slot granularity must divide a day", FieldMessage(unusable, "Policy"));

        fields["Name"] = "Room with a typo";
        fields["Policy.SlotMinutes"] = "";
        fields["Policy.MaxDurationMinutes"] = "ten";
        var (_, unreadable, _) = await admin.SubmitAsync("/admin/resources/new", "/admin/resources/new", fields);
        Assert.Contains("ten", FieldMessage(unreadable, "Policy.MaxDurationMinutes"));
        Assert.Contains("Nothing was saved", unreadable);
        Assert.Equal(before, await host.InScopeAsync(db => db.Resources.CountAsync()));
    }

    [Fact]
    public async Task Kind_DefaultPolicyChanged_AndAMissingFieldRefusedBesideIt()
    {
        var code = "k-" + Guid.NewGuid().ToString("N")[..12];
        await host.InScopeAsync(async db =>
        {
            db.ResourceKinds.Add(new ResourceKind(code, "Sewing machine", new BookingPolicy()));
            return await db.SaveChangesAsync();
        });
        var admin = await AdminAsync();
        var page = $"/admin/kinds/{code}";
        var policy = new Dictionary<string, string>
        {
            ["Policy.SlotMinutes"] = "15",
            ["Policy.MinDurationMinutes"] = "15",
            ["Policy.MaxDurationMinutes"] = "90",
            ["Policy.BufferAfterMinutes"] = "5",
            ["Policy.LeadTimeMinutes"] = "0",
            ["Policy.AdvanceWindowDays"] = "21",
            ["Policy.MaxActiveReservations"] = "2",
            ["Policy.MaxHoursPerWeek"] = "",
            ["Policy.CheckInOpensMinutesBefore"] = "10",
            ["Policy.NoShowGraceMinutes"] = "10",
            ["Policy.RequiresApproval"] = "true",
        };

        var (_, listed, _) = await admin.SubmitAsync(page, page, policy);
        Assert.Contains("Saved the default policy of Sewing machine", listed);
        var stored = await host.InScopeAsync(db => db.ResourceKinds.AsNoTracking().SingleAsync(k => k.Code == code));
        Assert.Equal(new BookingPolicy
        {
            SlotMinutes = 15,
            MinDurationMinutes = 15,
            MaxDurationMinutes = 90,
            BufferAfterMinutes = 5,
            LeadTimeMinutes = 0,
            AdvanceWindowDays = 21,
            MaxActiveReservations = 2,
            MaxHoursPerWeek = null,
            CheckInOpensMinutesBefore = 10,
            NoShowGraceMinutes = 10,
            RequiresApproval = true,
        }, stored.DefaultPolicy);

        policy["Policy.SlotMinutes"] = "";
        policy["Policy.MaxDurationMinutes"] = "240";
        var (_, refused, _) = await admin.SubmitAsync(page, page, policy);
        Assert.Contains("slotMinutes is required", FieldMessage(refused, "Policy.SlotMinutes"));
        Assert.Equal(90, await host.InScopeAsync(async db => (await db.ResourceKinds.AsNoTracking().SingleAsync(k => k.Code == code)).DefaultPolicy.MaxDurationMinutes));
    }

    [Fact]
    public async Task Certification_Added_Audited_AndBadValidityOrDuplicateRefused()
    {
        var admin = await AdminAsync();
        var name = $"Router safety {Guid.NewGuid():N}";

        var (_, html, _) = await admin.SubmitAsync("/admin/certifications", "/admin/certifications", new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Description"] = "CNC router basics",
            ["ValidityMonths"] = "12",
        });

        Assert.Contains($"Added {name}", html);
        Assert.Contains("12 months", html);
        var stored = await host.InScopeAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Name == name));
        Assert.Equal(12, stored.ValidityMonths);
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "certification.define" && a.Subject == $"certification:{stored.Id}")));

        var (_, refused, _) = await admin.SubmitAsync("/admin/certifications", "/admin/certifications", new Dictionary<string, string>
        {
            ["Name"] = name,
            ["ValidityMonths"] = "500",
        });
        Assert.Contains("already exists", FieldMessage(refused, "Name"));
        Assert.Contains("validityMonths is 1 to 120", FieldMessage(refused, "ValidityMonths"));
        Assert.Equal(1, await host.InScopeAsync(db => db.Certifications.CountAsync(c => c.Name == name)));
    }

    [Fact]
    public async Task Certification_Edited_Audited_AnExistingGrantKeepsItsExpiry()
    {
        var admin = await AdminAsync();
        var patron = await host.SignInNewAsync();
        var name = $"Lathe {Guid.NewGuid():N}";
        var (definition, grant) = await host.InScopeAsync(async db =>
        {
            var d = new Booking.Domain.Certifications.CertificationDefinition(name, "Old text", 12, [], host.Clock.GetUtcNow().UtcDateTime);
            db.Certifications.Add(d);
            var g = Booking.Domain.Certifications.CertificationGrant.Grant(d, patron.UserId, patron.UserId, null, [], host.Clock.GetUtcNow().UtcDateTime);
            db.CertificationGrants.Add(g);
            await db.SaveChangesAsync();
            return (d, g);
        });
        var page = $"/admin/certifications/{definition.Id}";
        Assert.Contains($"href=\"{page}\"", await admin.GetAsync("/admin/certifications"));
        Assert.Contains("value=\"12\"", await admin.GetAsync(page));

        var (_, html, url) = await admin.SubmitAsync(page, page, new Dictionary<string, string>
        {
            ["Name"] = $"{name} safety",
            ["Description"] = "New text",
            ["ValidityMonths"] = "24",
        });

        Assert.Equal("/admin/certifications", url!.AbsolutePath);
        Assert.Contains($"Saved {name} safety", html);
        var stored = await host.InScopeAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Id == definition.Id));
        Assert.Equal(($"{name} safety", "New text", (int?)24), (stored.Name, stored.Description, stored.ValidityMonths));
        Assert.Equal(grant.ExpiresAtUtc, await host.InScopeAsync(db => db.CertificationGrants.Where(g => g.Id == grant.Id).Select(g => g.ExpiresAtUtc).SingleAsync()));
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "certification.change" && a.Subject == $"certification:{definition.Id}")));
    }

    [Fact]
    public async Task Certification_EditToDuplicateNameBadValidityOrCycle_RefusedBesideFieldsNothingChanged()
    {
        var admin = await AdminAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N");
        var (basics, laser) = await host.InScopeAsync(async db =>
        {
            var b = new Booking.Domain.Certifications.CertificationDefinition($"Basics {tag}", null, null, [], now);
            var l = new Booking.Domain.Certifications.CertificationDefinition($"Laser {tag}", null, 6, [b.Id], now);
            db.Certifications.AddRange(b, l);
            await db.SaveChangesAsync();
            return (b, l);
        });
        var page = $"/admin/certifications/{basics.Id}";

        var (status, refused, _) = await admin.SubmitAsync(page, page, new Dictionary<string, string>
        {
            ["Name"] = laser.Name,
            ["ValidityMonths"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("already exists", FieldMessage(refused, "Name"));
        Assert.Contains("validityMonths is 1 to 120", FieldMessage(refused, "ValidityMonths"));

        var (_, cycle, _) = await admin.SubmitAsync(page, page, new Dictionary<string, string>
        {
            ["Name"] = basics.Name,
            ["PrerequisiteIds"] = laser.Id.ToString(),
        });
        Assert.Contains("cannot require this certification itself", FieldMessage(cycle, "PrerequisiteIds"));

        var (_, notNumber, _) = await admin.SubmitAsync(page, page, new Dictionary<string, string> { ["Name"] = "X", ["ValidityMonths"] = "soon" });
        Assert.Contains("Nothing was saved", notNumber);

        var stored = await host.InScopeAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Id == basics.Id));
        Assert.Equal((basics.Name, (int?)null, 0), (stored.Name, stored.ValidityMonths, stored.PrerequisiteIds.Length));
        Assert.False(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Subject == $"certification:{basics.Id}")));
        await admin.GetAsync($"/admin/certifications/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Certification_EditPage_Stranger_SentToSignIn()
    {
        var id = await host.InScopeAsync(async db =>
        {
            var d = new Booking.Domain.Certifications.CertificationDefinition($"Kiln {Guid.NewGuid():N}", null, null, [], host.Clock.GetUtcNow().UtcDateTime);
            db.Certifications.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var anonymous = await host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync($"/admin/certifications/{id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/sign-in?ReturnUrl=", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_AdminMakesPatronStaff_Audited_ThenPatronAgain()
    {
        var patron = await host.SignInNewAsync();
        var admin = await AdminAsync();
        var page = $"/admin/users?email={Uri.EscapeDataString(patron.Email)}";
        Assert.Contains(patron.Email, await admin.GetAsync(page));

        var (_, html, _) = await admin.SubmitAsync(page, $"/admin/users?handler=SetRole&userId={patron.UserId}&email={Uri.EscapeDataString(patron.Email)}",
            new Dictionary<string, string> { ["role"] = Roles.Staff });

        Assert.Contains($"{patron.Email} is now staff.", html);
        Assert.Equal([Roles.Patron, Roles.Staff], (await RolesOfAsync(patron.UserId)).Order());
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "user.role" && a.Subject == $"user:{patron.UserId}")));

        await admin.SubmitAsync(page, $"/admin/users?handler=SetRole&userId={patron.UserId}&email={Uri.EscapeDataString(patron.Email)}",
            new Dictionary<string, string> { ["role"] = Roles.Patron });
        Assert.Equal([Roles.Patron], await RolesOfAsync(patron.UserId));
    }

    [Fact]
    public async Task Users_EveryAccountFiftyAPage_RoleFilter_OutOfRangePagesShowTheNearestWithANote()
    {
        var admin = await AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var other = await host.SignInNewAsync(Roles.Admin, $"zz.{tag}@page.test");
        await host.InScopeAsync(async db =>
        {
            for (var i = 0; i < 54; i++)
            {
                var email = $"{i:D2}.{tag}@page.test";
                db.Users.Add(new UserAccount { Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Reader {i}", CreatedAtUtc = host.Clock.GetUtcNow().UtcDateTime });
            }

            return await db.SaveChangesAsync();
        });
        var list = $"/admin/users?email={tag}";

        var first = await admin.GetAsync(list);
        Assert.Equal(50, Regex.Matches(first, $"<th scope=\"row\">\\d\\d\\.{tag}@page.test</th>").Count);
        Assert.Contains("Accounts 1–50 of 55", first);
        Assert.Contains("Page 1 of 2", first);
        Assert.Contains($"href=\"/admin/users?email={tag}&amp;filter=&amp;pageNumber=2\" rel=\"next\"", first);
        Assert.DoesNotContain("rel=\"prev\"", first);

        var second = await admin.GetAsync($"{list}&pageNumber=2");
        Assert.Contains("Accounts 51–55 of 55", second);
        Assert.Contains($"zz.{tag}@page.test", second);
        Assert.Contains("rel=\"prev\"", second);

        foreach (var (asked, shown) in new[] { ("99999999999999999999", 2), ("3", 2), ("-4", 1), ("abc", 1), ("0", 1) })
        {
            var html = await admin.GetAsync($"{list}&pageNumber={asked}");
            Assert.Contains($"There is no page “{asked}”; showing page {shown} of 2.", WebUtility.HtmlDecode(html));
        }

        var admins = await admin.GetAsync($"{list}&filter=admin");
        Assert.Contains("Accounts 1–1 of 1", admins);
        Assert.Contains(other.Email, admins);
        var patrons = await admin.GetAsync($"{list}&filter=patron&pageNumber=2");
        Assert.Contains("Accounts 51–54 of 54", patrons);
        Assert.DoesNotContain(other.Email, patrons);
        Assert.Contains("No account matches", await admin.GetAsync($"{list}&filter=staff"));
        Assert.Contains("of 55", await admin.GetAsync($"{list}&filter=%3Cscript%3E"));
    }

    [Fact]
    public async Task Users_AdminRemovingOwnAdminRole_RefusedInWordsStillAdmin()
    {
        var me = await host.SignInNewAsync(Roles.Admin);
        var admin = new PageSession(host);
        await admin.SignInAsync(me.Email, MakerspaceHost.Password);
        var page = $"/admin/users?email={Uri.EscapeDataString(me.Email)}";

        var (status, html, _) = await admin.SubmitAsync(page, $"/admin/users?handler=SetRole&userId={me.UserId}&email={Uri.EscapeDataString(me.Email)}",
            new Dictionary<string, string> { ["role"] = Roles.Patron });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You cannot remove your own admin role", html);
        Assert.Contains(Roles.Admin, await RolesOfAsync(me.UserId));
        Assert.False(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Subject == $"user:{me.UserId}")));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Patron)]
    public async Task AdminPages_StaffOrPatron_TurnedAwayNothingWritten(string role)
    {
        var account = await host.SignInNewAsync(role);
        var browser = new PageSession(host);
        await browser.SignInAsync(account.Email, MakerspaceHost.Password);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var certificationName = $"Solder {Guid.NewGuid():N}";
        var certificationId = await host.InScopeAsync(async db =>
        {
            var d = new Booking.Domain.Certifications.CertificationDefinition(certificationName, null, null, [], host.Clock.GetUtcNow().UtcDateTime);
            db.Certifications.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });

        foreach (var url in new[] { "/admin", "/admin/locations", $"/admin/locations/{branch.Id}", "/admin/resources", $"/admin/resources/{room.Id}", "/admin/kinds", "/admin/kinds/room", "/admin/certifications", $"/admin/certifications/{certificationId}", "/admin/users?email=a", "/admin/users?pageNumber=2&filter=admin" })
        {
            var html = await browser.GetAsync(url, HttpStatusCode.Forbidden);
            Assert.Contains("<h1>Not for this account</h1>", html);
            // Staff are told the page is for admins, not to sign in with the staff account they are using.
            Assert.Contains("This page is for admins only.", html);
            Assert.DoesNotContain("sign in with your staff account", html);
        }

        var name = $"Sneaky {Guid.NewGuid():N}";
        var forbidden = HttpStatusCode.Forbidden;
        await browser.SubmitAsync("/admin/locations", "/admin/locations", new Dictionary<string, string> { ["Name"] = name, ["TimeZone"] = Zone }, forbidden);
        await browser.SubmitAsync($"/admin/resources/{room.Id}", $"/admin/resources/{room.Id}?handler=OutOfService", new Dictionary<string, string> { ["OutOfServiceReason"] = "No" }, forbidden);
        await browser.SubmitAsync("/admin/users", $"/admin/users?handler=SetRole&userId={account.UserId}", new Dictionary<string, string> { ["role"] = Roles.Admin }, forbidden);
        await browser.SubmitAsync($"/admin/certifications/{certificationId}", $"/admin/certifications/{certificationId}", new Dictionary<string, string> { ["Name"] = "Renamed" }, forbidden);
        await browser.SubmitAsync($"/admin/locations/{branch.Id}", $"/admin/locations/{branch.Id}?handler=CopyMonday", new Dictionary<string, string> { ["copyTo"] = "week" }, forbidden);

        Assert.False(await host.InScopeAsync(db => db.Locations.AnyAsync(l => l.Name == name)));
        Assert.False(await host.InScopeAsync(db => db.Resources.Where(r => r.Id == room.Id).Select(r => r.IsOutOfService).SingleAsync()));
        Assert.DoesNotContain(Roles.Admin, await RolesOfAsync(account.UserId));
        Assert.Equal(certificationName, await host.InScopeAsync(db => db.Certifications.Where(c => c.Id == certificationId).Select(c => c.Name).SingleAsync()));
        Assert.DoesNotContain("href=\"/admin\"", await browser.GetAsync("/"));
    }

    [Fact]
    public async Task Nav_Admin_SeesAdminLink()
    {
        var admin = await AdminAsync();
        Assert.Contains("<a href=\"/admin\">Admin</a>", await admin.GetAsync("/"));
        var index = await admin.GetAsync("/admin");
        Assert.Contains("/admin/locations", index);
        Assert.Contains("/admin/users", index);
    }

    private async Task<PageSession> AdminAsync()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var browser = new PageSession(host);
        await browser.SignInAsync(admin.Email, MakerspaceHost.Password);
        return browser;
    }

    private async Task<List<string>> RolesOfAsync(Guid userId)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        return [.. await users.GetRolesAsync((await users.FindByIdAsync(userId.ToString()))!)];
    }

    /// <summary>The decoded text of the message shown beside <paramref name="field"/> (empty when none).</summary>
    private static string FieldMessage(string html, string field)
    {
        var match = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }
}
