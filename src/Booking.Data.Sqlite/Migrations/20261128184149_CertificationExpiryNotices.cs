using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CertificationExpiryNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiredNoticeQueuedAtUtc",
                table: "CertificationGrants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiryWarningQueuedAtUtc",
                table: "CertificationGrants",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiredNoticeQueuedAtUtc",
                table: "CertificationGrants");

            migrationBuilder.DropColumn(
                name: "ExpiryWarningQueuedAtUtc",
                table: "CertificationGrants");
        }
    }
}
