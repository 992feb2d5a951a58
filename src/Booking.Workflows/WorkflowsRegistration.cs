using Booking.Workflows.Certifications;
using Booking.Workflows.Maintenance;
using Booking.Workflows.Reservations;
using Booking.Workflows.Sessions;
using Booking.Workflows.Suspensions;
using Booking.Workflows.Telemetry;
using Booking.Workflows.Waitlist;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Booking.Workflows;

/// <summary>What the library does, for any host: the web app and a jobs-only node register the same workflows.</summary>
public static class WorkflowsRegistration
{
    public static IServiceCollection AddMakerspaceWorkflows(this IServiceCollection services)
    {
        // TryAdd: the web app hosts the jobs too, and both ask for the workflows.
        services.TryAddSingleton<MakerspaceMetrics>();
        services.TryAddScoped<BookReservation>();
        services.TryAddSingleton<BookingSubjects>();
        // Refusals are counted per node and written every few seconds (AddHostedService adds the writer once).
        services.TryAddSingleton<Data.RefusalCounts>();
        services.AddHostedService<Data.RefusalCountWriter>();
        services.TryAddScoped<ReservationActions>();
        services.TryAddScoped<BookSeries>();
        services.TryAddScoped<CancelSeries>();
        services.TryAddScoped<Privacy.PersonalData>();
        services.TryAddScoped<WaitlistOffers>();
        services.TryAddScoped<WaitlistJoining>();
        services.TryAddScoped<MaintenanceBlocking>();
        services.TryAddScoped<CertificationGranting>();
        services.TryAddScoped<SessionScheduling>();
        services.TryAddScoped<SessionRegistrations>();
        services.TryAddScoped<DeskHolds>();
        services.TryAddScoped<SuspensionLifting>();
        services.TryAddScoped<Surveys.SurveyAnswers>();
        services.TryAddScoped<Networking.SessionNetworking>();
        services.TryAddScoped<Patrons.PatronEnrolment>();
        services.TryAddScoped<Partners.PartnerDesk>();
        services.TryAddScoped<Partners.PartnerStaffing>();
        services.TryAddScoped<Partners.PartnerClientConsent>();
        return services;
    }
}
