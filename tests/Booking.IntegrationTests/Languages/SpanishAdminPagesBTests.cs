using System.Net;
using Booking.Data;
using Booking.Data.Identity;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The staff reports, the skills survey's results and admin page, and the demand view in Spanish (issue #17), each with
/// the data that makes every section show (the hand-counted report library, survey answers, a full session, refusals):
/// <c>&lt;html lang="es"&gt;</c>, key sentences, no English sentence left, the charts' titles and text alternatives
/// included; the CSV downloads keep their English headings whatever the reader's language.
/// </summary>
public sealed class SpanishAdminPagesBTests(ReportFixture host) : IClassFixture<ReportFixture>
{
    private ReportLibrary Library => host.Library;

    [Fact]
    public async Task Staff_ReportsWithNumbers_AreSpanish_ChartsToo_AndTheCsvStaysEnglish()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var url = $"/reports?{ReportLibrary.Span}&locationId={Library.Riverside.Id}";

        var spanish = await SpanishAsync(staff.Http, url, [],
            "Informes", "Se muestra", "del lunes, 29 de diciembre de 2025 al domingo, 11 de enero de 2026", "Horas por tipo y semana", "Semana del",
            "Reservas que debían comenzar en el período, por tipo", "Todos los tipos", "Tasa de ausencia (% de las mantenidas)", "lunes", "Hora",
            "Certificaciones", "Vencen en los próximos 30 días", "Capacitaciones", "Se necesita una certificación", "Horario ya ocupado",
            "Descargar “Intentos de reserva rechazados por motivo” en CSV", "29/12/2025");
        var english = await SpanishPage.GetInAsync(staff.Http, url, "en");
        Assert.Contains("12/29/2025", english); // the US reader's dates
        Assert.Contains("Showing <strong>A Riverside</strong>, Monday, December 29, 2025 to Sunday, January 11, 2026.", english);

        // The charts are drawings the shared check leaves out: their titles, descriptions, legends and labels are read here.
        SpanishPage.ShouldHaveNoEnglishLeft(Charts(english), Charts(spanish), await SpanishPage.DataNamesAsync(host), url + " (charts)");
        var drawn = WebUtility.HtmlDecode(spanish); // the drawings' text is written encoded (é as &#xE9;)
        Assert.Contains("<title id=\"chart-demand-title\">Demanda por tipo, del 29/12/2025 al 11/1/2026, A Riverside</title>", drawn);
        Assert.Contains("Cada celda cuenta las reservas", drawn);
        Assert.Contains(">lun<", drawn);

        var all = await SpanishAsync(staff.Http, $"/reports?{ReportLibrary.Span}", [], "Se muestran", "todas las sedes");
        Assert.Contains("Uso por tipo, del 29/12/2025 al 11/1/2026, Todas las sedes", WebUtility.HtmlDecode(all));

        // The download is the same file in any language: stable English headings and words, invariant figures.
        var csv = await SpanishPage.GetInAsync(staff.Http, $"/reports/refusals.csv?{ReportLibrary.Span}&locationId={Library.Riverside.Id}", "es");
        Assert.StartsWith("Kind,Reason,Code,Attempts", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",Certification needed,certification-required,4", csv);
        var busiest = await SpanishPage.GetInAsync(staff.Http, $"/reports/busiest-times.csv?{ReportLibrary.Span}&locationId={Library.Riverside.Id}", "es");
        Assert.Contains("Hour,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday", busiest);
        Assert.Contains("10:00,", busiest);
    }

    [Fact]
    public async Task SurveyResultsAndAdmin_WithAnswersAndARefusal_AreSpanish()
    {
        var (survey, texts) = await SurveyAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var admin = await host.SignInNewAsync(Roles.Admin);

        var results = await SpanishAsync(staff.Http, "/reports/survey", texts,
            "Resultados de la encuesta de habilidades", "abierta", "Respondieron 2 personas.", "Solo conteos por respuesta",
            "Descargar todas las respuestas por opción en CSV", "Respuesta", "Personas");
        SpanishPage.ShouldHaveNoEnglishLeft(Charts(await SpanishPage.GetInAsync(staff.Http, "/reports/survey", "en")), Charts(results), texts, "/reports/survey (charts)");
        Assert.Contains("Cuántas personas eligieron cada respuesta (se podían elegir varias).", WebUtility.HtmlDecode(results));
        var csv = await SpanishPage.GetInAsync(staff.Http, "/reports/survey.csv", "es");
        Assert.StartsWith("Question,Answer,People", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);

        await SpanishAsync(admin.Http, "/admin/survey", texts,
            "Encuesta de habilidades", "Abierta: las personas pueden responder", "Cerrar la encuesta", "Varias opciones, cuenta como demanda de “quiero aprender”",
            "Una sola opción, obligatoria", "Un taller propio", "Capacitación de Laser cutter safety", "Quitar la pregunta y sus respuestas",
            "Agregar una pregunta", "Como máximo 20 opciones; puede agregar más una por una después.");

        // A refusal and a change done, in each language: the page says them in the reader's words.
        var learn = survey.Questions.Single(q => q.WantToLearn);
        var choice = learn.Choices.Single(c => c.Text == "Laser cutting");
        KeyValuePair<string, string>[] About(string certification) =>
            [new("questionId", learn.Id.ToString()), new("choiceId", choice.Id.ToString()), new("certificationId", certification)];
        var pages = new Dictionary<string, string>();
        foreach (var language in new[] { "en", "es" })
        {
            var page = new PageSession(host);
            await page.SignInAsync(admin.Email, MakerspaceHost.Password);
            await page.SubmitAsync("/admin/survey", "/language", new Dictionary<string, string> { ["lang"] = language, ["returnUrl"] = "/admin/survey" });
            var token = await page.FormTokenAsync("/admin/survey");
            var (status, refused, _) = await page.PostFormAsync("/admin/survey?handler=ChoiceAbout", token, About(Guid.NewGuid().ToString()));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            pages[language] = refused;
            var (_, done, _) = await page.PostFormAsync("/admin/survey?handler=ChoiceAbout", token, About(Library.Laser.Id.ToString()));
            pages[language + "-done"] = done;
        }

        Assert.Contains("No se guardó nada: Elija una certificación de la lista.", WebUtility.HtmlDecode(pages["es"]));
        Assert.Contains("Nothing was saved: Choose a certification from the list.", WebUtility.HtmlDecode(pages["en"]));
        SpanishPage.ShouldHaveNoEnglishLeft(pages["en"], pages["es"], texts.Concat(await SpanishPage.DataNamesAsync(host)), "/admin/survey (refused)");
        Assert.Contains("Se guardó la opción: la vista de demanda la cuenta allí.", WebUtility.HtmlDecode(pages["es-done"]));
        Assert.Contains("Choice saved: the demand view counts it there.", pages["en-done"]);

        // The note comes from a code: an address cannot make the page say anything else.
        var forged = await SpanishPage.GetInAsync(admin.Http, "/admin/survey?done=Call+555-0100+to+verify+your+account", "en");
        Assert.DoesNotContain("555-0100", forged);
    }

    [Fact]
    public async Task Staff_DemandWithEverySection_IsSpanish()
    {
        var (_, texts) = await SurveyAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        await host.RequireAsync(Library.PrinterP.Id, Library.Printing.Id);

        // A workshop that filled up, with one person waiting.
        var start = host.Clock.DaysAhead(ReportLibrary.NewYork, 3, 10);
        var title = $"Soldering{Guid.NewGuid():N}"[..18];
        var session = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title, roomId = Library.RoomA.Id, start, end = start.AddHours(1), capacity = 1 })).JsonAsync())
            .GetProperty("id").GetGuid();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var patron = await host.SignInNewAsync();
            await (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        }

        await SpanishAsync(staff.Http, "/desk/demand", texts,
            "Demanda: Todas las sedes", "Qué programar a continuación", "reservas rechazadas por falta de esta certificación",
            "Programar una capacitación: Capacitación de 3D printer basics", "Programar un taller: ", "1 sesión se llenó, 1 en listas de espera",
            "Por tipo de equipo", "Rechazadas: se necesita una certificación", "Sesiones que se llenaron", "1 de 1",
            "Encuesta de habilidades: qué quieren aprender las personas", "Un taller propio", "Todavía nadie eligió:");
        var english = await SpanishPage.GetInAsync(staff.Http, "/desk/demand", "en");
        Assert.Contains("1 session filled up, 1 on waiting lists", english);
        Assert.Contains("Schedule a training: 3D printer basics training", english);
    }

    private Task<string> SpanishAsync(HttpClient client, string url, IEnumerable<string> data, params string[] expected) =>
        SpanishPage.ShouldBeSpanishAsync(host, client, url, HttpStatusCode.OK, data, expected);

    // The charts' words as the shared check reads a page: the drawings opened up as if they were text.
    private static string Charts(string html) => html.Replace("<svg", "<figure-svg", StringComparison.Ordinal).Replace("</svg>", "</figure-svg>", StringComparison.Ordinal);

    private static readonly SemaphoreSlim Once = new(1, 1);

    // The demo's skills survey, answered by two visitors, written once for the class; its own words are data.
    private async Task<(Domain.Surveys.Survey Survey, List<string> Texts)> SurveyAsync()
    {
        await Once.WaitAsync();
        try
        {
            var fresh = await host.InScopeAsync(async db =>
            {
                if (await db.Surveys.AnyAsync())
                {
                    return false;
                }

                db.Surveys.Add(DemoData.SkillsSurvey(host.Clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync();
                return true;
            });
            var survey = await host.InScopeAsync(db => db.Surveys.AsNoTracking().Include(s => s.Questions).ThenInclude(q => q.Choices).SingleAsync());
            if (fresh)
            {
                var learn = survey.Questions.Single(q => q.WantToLearn);
                var mentor = survey.Questions.Single(q => q.Required);
                foreach (var i in new[] { 0, 1 })
                {
                    var visitor = new PageSession(host);
                    var (status, html, _) = await visitor.PostFormAsync("/survey", await visitor.FormTokenAsync("/survey"),
                    [
                        new($"q-{learn.Id}", learn.Choices.Single(c => c.Text == "Laser cutting").Id.ToString()),
                        new($"q-{learn.Id}", learn.Choices.Single(c => c.Text == "Coding").Id.ToString()),
                        new($"q-{mentor.Id}", mentor.Choices.ElementAt(i).Id.ToString()),
                    ]);
                    Assert.True(status == HttpStatusCode.OK, html);
                }
            }

            var texts = new[] { survey.Title, survey.Intro ?? "" }
                .Concat(survey.Questions.Select(q => q.Text))
                .Concat(survey.Questions.SelectMany(q => q.Choices).Select(c => c.Text))
                .ToList();
            return (survey, texts);
        }
        finally
        {
            Once.Release();
        }
    }
}
