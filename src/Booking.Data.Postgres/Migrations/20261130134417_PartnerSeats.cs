using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PartnerSeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PartnerSeats",
                table: "Sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "SeatsPartnerId",
                table: "Sessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnPartnerSeat",
                table: "SessionRegistrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_SeatsPartnerId",
                table: "Sessions",
                column: "SeatsPartnerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Sessions_Partners_SeatsPartnerId",
                table: "Sessions",
                column: "SeatsPartnerId",
                principalTable: "Partners",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sessions_Partners_SeatsPartnerId",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_SeatsPartnerId",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "PartnerSeats",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "SeatsPartnerId",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "OnPartnerSeat",
                table: "SessionRegistrations");
        }
    }
}
