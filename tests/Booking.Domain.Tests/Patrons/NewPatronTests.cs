using Booking.Domain.Patrons;

namespace Booking.Domain.Tests.Patrons;

public sealed class NewPatronTests
{
    [Fact]
    public void Read_NameAndCardOnly_StoredTrimmedUpperCaseWithNoAddress()
    {
        var (patron, problems) = NewPatron.Read("  Rosa Díaz ", " ab1234 ", "  ");

        Assert.Empty(problems);
        Assert.Equal(new NewPatron("Rosa Díaz", "AB1234", null), patron);
    }

    [Fact]
    public void Read_WithAnAddress_KeepsItTrimmed()
    {
        var (patron, _) = NewPatron.Read("Rosa", "AB1234", " rosa@example.org ");

        Assert.Equal("rosa@example.org", patron!.Email);
    }

    [Theory]
    [InlineData(null, "AB1234", null, "displayName")]
    [InlineData("   ", "AB1234", null, "displayName")]
    [InlineData("Rosa", null, null, "cardNumber")]
    [InlineData("Rosa", "123", null, "cardNumber")]
    [InlineData("Rosa", "123456789012345678901", null, "cardNumber")]
    [InlineData("Rosa", "12 34", null, "cardNumber")]
    [InlineData("Rosa", "АВ1234", null, "cardNumber")] // Cyrillic look-alikes
    [InlineData("Rosa", "AB1234", "not an address", "email")]
    [InlineData("Rosa", "AB1234", "Rosa <rosa@example.org>", "email")]
    public void Read_BadField_RefusedOnThatFieldAndNoPatron(string? name, string? card, string? email, string field)
    {
        var (patron, problems) = NewPatron.Read(name, card, email);

        Assert.Null(patron);
        Assert.Equal(field, Assert.Single(problems).Field);
    }

    [Fact]
    public void Read_NameTooLongAndCardMissing_BothSaid()
    {
        var (patron, problems) = NewPatron.Read(new string('a', NewPatron.MaxNameLength + 1), "", null);

        Assert.Null(patron);
        Assert.Equal(new[] { "displayName", "cardNumber" }, problems.Select(p => p.Field));
    }

    [Fact]
    public void Read_NameAtTheLimit_Accepted()
    {
        var (patron, _) = NewPatron.Read(new string('a', NewPatron.MaxNameLength), "1234", null);

        Assert.NotNull(patron);
    }

    [Fact]
    public void Mask_ShowsOnlyTheLastFour()
    {
        Assert.Equal("•••• 5678", LibraryCard.Mask("AB12345678"));
    }
}
