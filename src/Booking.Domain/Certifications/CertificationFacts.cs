namespace Booking.Domain.Certifications;

/// <summary>An upcoming training session that grants a certification.</summary>
public sealed record UpcomingTraining(Guid SessionId, string Title, DateTime StartsAtUtc);

/// <summary>A certification a resource requires, with the next trainings that grant it (for the refusal's advice).</summary>
public sealed record RequiredCertification(Guid Id, string Name, IReadOnlyList<UpcomingTraining> NextTrainings);

/// <summary>A valid (unrevoked) grant the patron holds: which certification and until when (null: no expiry).</summary>
public sealed record HeldCertification(Guid CertificationId, DateTime? ExpiresAtUtc);

/// <summary>A required certification the patron lacks, or holds only until <see cref="ExpiresAtUtc"/> (before the booking ends).</summary>
public sealed record MissingCertification(RequiredCertification Certification, DateTime? ExpiresAtUtc);
