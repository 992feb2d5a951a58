using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ActiveOverlapIndexCoversBlockedUntil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reservations_Active_ResourceId_StartsAtUtc",
                table: "Reservations");

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_Active_ResourceId_StartsAtUtc_BlockedUntilUtc",
                table: "Reservations",
                columns: new[] { "ResourceId", "StartsAtUtc", "BlockedUntilUtc" },
                filter: "\"Status\" IN ('pending', 'confirmed', 'checked-in')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reservations_Active_ResourceId_StartsAtUtc_BlockedUntilUtc",
                table: "Reservations");

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_Active_ResourceId_StartsAtUtc",
                table: "Reservations",
                columns: new[] { "ResourceId", "StartsAtUtc" },
                filter: "\"Status\" IN ('pending', 'confirmed', 'checked-in')");
        }
    }
}
