using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NetworkingProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SessionRegistrations_AspNetUsers_PatronId",
                table: "SessionRegistrations");

            migrationBuilder.CreateTable(
                name: "ConnectionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromPatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToPatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstPatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    SecondPatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConnectionRequests_AspNetUsers_FromPatronId",
                        column: x => x.FromPatronId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConnectionRequests_AspNetUsers_ToPatronId",
                        column: x => x.ToPatronId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConnectionRequests_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkingConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkingConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkingConsents_AspNetUsers_PatronId",
                        column: x => x.PatronId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkingConsents_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkingProfiles",
                columns: table => new
                {
                    PatronId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    WhatIDo = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    Offers = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Seeks = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkingProfiles", x => x.PatronId);
                    table.ForeignKey(
                        name: "FK_NetworkingProfiles_AspNetUsers_PatronId",
                        column: x => x.PatronId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionRequests_FromPatronId",
                table: "ConnectionRequests",
                column: "FromPatronId");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionRequests_SessionId_FirstPatronId_SecondPatronId",
                table: "ConnectionRequests",
                columns: new[] { "SessionId", "FirstPatronId", "SecondPatronId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionRequests_ToPatronId",
                table: "ConnectionRequests",
                column: "ToPatronId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkingConsents_PatronId",
                table: "NetworkingConsents",
                column: "PatronId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkingConsents_SessionId_PatronId",
                table: "NetworkingConsents",
                columns: new[] { "SessionId", "PatronId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectionRequests");

            migrationBuilder.DropTable(
                name: "NetworkingConsents");

            migrationBuilder.DropTable(
                name: "NetworkingProfiles");

            migrationBuilder.AddForeignKey(
                name: "FK_SessionRegistrations_AspNetUsers_PatronId",
                table: "SessionRegistrations",
                column: "PatronId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
