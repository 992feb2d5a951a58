using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NoShowStrikesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Reservations_NoShow_PatronId_KindCode_CancelledAtUtc",
                table: "Reservations",
                columns: new[] { "PatronId", "KindCode", "CancelledAtUtc" },
                filter: "\"Status\" = 'no-show'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reservations_NoShow_PatronId_KindCode_CancelledAtUtc",
                table: "Reservations");
        }
    }
}
