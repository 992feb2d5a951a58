using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReservationSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SeriesId",
                table: "Reservations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReservationSeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Repeat = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FirstDate = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Requested = table.Column<int>(type: "integer", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RefusalsJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservationSeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReservationSeries_Resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reservations_SeriesId",
                table: "Reservations",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_ReservationSeries_LastDate",
                table: "ReservationSeries",
                column: "LastDate");

            migrationBuilder.CreateIndex(
                name: "IX_ReservationSeries_PatronId_LastDate",
                table: "ReservationSeries",
                columns: new[] { "PatronId", "LastDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ReservationSeries_ResourceId",
                table: "ReservationSeries",
                column: "ResourceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Reservations_ReservationSeries_SeriesId",
                table: "Reservations",
                column: "SeriesId",
                principalTable: "ReservationSeries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reservations_ReservationSeries_SeriesId",
                table: "Reservations");

            migrationBuilder.DropTable(
                name: "ReservationSeries");

            migrationBuilder.DropIndex(
                name: "IX_Reservations_SeriesId",
                table: "Reservations");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Reservations");
        }
    }
}
