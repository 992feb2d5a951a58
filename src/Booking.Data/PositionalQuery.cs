using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Booking.Data;

/// <summary>
/// A LINQ query run as the SQL EF Core writes for it, taken once, with positional parameters ($1, $2, …). On a hot path
/// EF Core's pipeline per call (query context, command, parameters, shaper) and Npgsql's parsing of the SQL for named
/// parameters cost more of the app's CPU than PostgreSQL spends on the statement; the LINQ stays the one definition.
/// PostgreSQL only: SQLite stores Guids and dates through EF Core's converters, which a raw command would have to repeat.
/// </summary>
public sealed partial class PositionalQuery
{
    private readonly string _sql;
    private readonly DbType[] _types;

    private PositionalQuery(string sql, DbType[] types)
    {
        _sql = sql;
        _types = types;
    }

    /// <summary>What the command sends, for tests and for the curious.</summary>
    public string Sql => _sql;

    /// <summary>
    /// Takes the SQL EF Core writes for <paramref name="query"/>. Its first parameter is the context; each further one
    /// becomes $1, $2, … in order. <paramref name="samples"/> gives each a value no other has, so EF Core's parameters
    /// are matched to the lambda's by value, whatever EF Core names them.
    /// </summary>
    public static PositionalQuery Of<TResult>(BookingDbContext db, LambdaExpression query, params object[] samples)
    {
        if (samples.Length != query.Parameters.Count - 1 || samples.Distinct().Count() != samples.Length)
        {
            throw new ArgumentException("One distinct sample per parameter after the context.", nameof(samples));
        }

        var replacements = new Dictionary<ParameterExpression, Expression> { [query.Parameters[0]] = Expression.Constant(db) };
        for (var i = 1; i < query.Parameters.Count; i++)
        {
            // A field read from a constant object, as a closure's captured variable is: EF Core makes it a parameter.
            var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(query.Parameters[i].Type), samples[i - 1])!;
            replacements[query.Parameters[i]] = Expression.Field(Expression.Constant(box), "Value");
        }

        var body = new ParameterReplacer(replacements).Visit(query.Body);
        using var command = ((IQueryable)db.CatalogueVersions).Provider.CreateQuery<TResult>(body).CreateDbCommand();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var types = new DbType[samples.Length];
        foreach (DbParameter parameter in command.Parameters)
        {
            var index = Array.FindIndex(samples, s => s.Equals(parameter.Value));
            if (index < 0)
            {
                throw new InvalidOperationException($"EF Core's parameter {parameter.ParameterName} has a value no sample has.");
            }

            positions[parameter.ParameterName.TrimStart('@')] = index;
            types[index] = parameter.DbType;
        }

        var sql = NamedParameter().Replace(command.CommandText, m => positions.TryGetValue(m.Groups[1].Value, out var index)
            ? "$" + (index + 1)
            : throw new InvalidOperationException($"The SQL names {m.Value}, which is not one of EF Core's parameters."));
        return new PositionalQuery(sql, types);
    }

    /// <summary>Runs the query with <paramref name="values"/> (in the lambda's order), in the context's transaction if it has one.</summary>
    public async Task<List<TRow>> ListAsync<TRow>(BookingDbContext db, object[] values, Func<DbDataReader, TRow> read, CancellationToken ct)
    {
        var database = db.Database;
        await database.OpenConnectionAsync(ct);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = _sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.DbType = _types[i];
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<TRow>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex("@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex NamedParameter();

    private sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
