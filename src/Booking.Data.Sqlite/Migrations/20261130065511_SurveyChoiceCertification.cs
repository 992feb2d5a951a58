using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyChoiceCertification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CertificationId",
                table: "SurveyChoice",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyChoice_CertificationId",
                table: "SurveyChoice",
                column: "CertificationId");

            migrationBuilder.AddForeignKey(
                name: "FK_SurveyChoice_Certifications_CertificationId",
                table: "SurveyChoice",
                column: "CertificationId",
                principalTable: "Certifications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SurveyChoice_Certifications_CertificationId",
                table: "SurveyChoice");

            migrationBuilder.DropIndex(
                name: "IX_SurveyChoice_CertificationId",
                table: "SurveyChoice");

            migrationBuilder.DropColumn(
                name: "CertificationId",
                table: "SurveyChoice");
        }
    }
}
