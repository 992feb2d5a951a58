using Booking.Data.Identity;
using Booking.Domain.Certifications;
using Booking.Domain.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(Survey.MaxTitleLength);
        builder.Property(s => s.Intro).HasMaxLength(Survey.MaxIntroLength);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Questions).HasField("_questions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.Ordered);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.Text).HasMaxLength(Survey.MaxTextLength);
        builder.HasMany(q => q.Choices).WithOne().HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Choices).HasField("_choices").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(q => q.Ordered);
    }
}

internal sealed class SurveyChoiceConfiguration : IEntityTypeConfiguration<SurveyChoice>
{
    public void Configure(EntityTypeBuilder<SurveyChoice> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(Survey.MaxTextLength);
        // Certifications are never deleted (grants and sessions name them too).
        builder.HasOne<CertificationDefinition>().WithMany().HasForeignKey(c => c.CertificationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // One response per patron and survey: the last word against two parallel first answers (nulls never clash).
        builder.HasIndex(r => new { r.SurveyId, r.PatronId }).IsUnique();
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.PatronId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SurveyResponseChoiceConfiguration : IEntityTypeConfiguration<SurveyResponseChoice>
{
    public void Configure(EntityTypeBuilder<SurveyResponseChoice> builder)
    {
        builder.HasKey(a => new { a.ResponseId, a.ChoiceId });
        builder.HasOne<SurveyResponse>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        // Counting per choice reads this index; removing a choice removes the answers that picked it.
        builder.HasOne<SurveyChoice>().WithMany().HasForeignKey(a => a.ChoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
