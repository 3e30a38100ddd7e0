using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Berth.Index.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class SiteTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SiteTags",
                columns: table => new
                {
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    RegistryId = table.Column<long>(type: "bigint", nullable: false),
                    Tag = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Digest = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    PushedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteTags", x => new { x.RepositoryId, x.RegistryId, x.Tag });
                    table.ForeignKey(
                        name: "FK_SiteTags_Registries_RegistryId",
                        column: x => x.RegistryId,
                        principalTable: "Registries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SiteTags_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SiteTags_RegistryId",
                table: "SiteTags",
                column: "RegistryId");

            // The tags of repositories already placed in a site were that site's: its rows, until its next resync.
            migrationBuilder.Sql("""
                INSERT INTO "SiteTags" ("RepositoryId", "RegistryId", "Tag", "Digest", "PushedAt")
                SELECT t."RepositoryId", g."Id", t."Name", t."Digest", t."PushedAt"
                FROM "Tags" t JOIN "Repositories" r ON r."Id" = t."RepositoryId" JOIN "Registries" g ON g."Name" = r."RegistryName"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SiteTags");
        }
    }
}
