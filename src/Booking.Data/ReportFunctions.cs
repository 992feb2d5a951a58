using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Booking.Data;

/// <summary>
/// The one thing reports need that the two databases spell differently: an instant as whole seconds since
/// 1970 UTC. With it, durations and local days, weeks and hours are integer arithmetic that both run the same.
/// </summary>
public static class ReportFunctions
{
    /// <summary>Seconds since 1970-01-01 UTC of a stored instant, rounded down; only inside a query.</summary>
    public static long EpochSeconds(DateTime utc) => throw new NotSupportedException("EpochSeconds runs only inside a database query.");

    internal static void Map(ModelBuilder builder, bool postgres)
    {
        var method = typeof(ReportFunctions).GetMethod(nameof(EpochSeconds))!;
        builder.HasDbFunction(method).HasTranslation(args => postgres ? OnPostgres(args[0]) : OnSqlite(args[0]));
    }

    // PostgreSQL: CAST(floor(date_part('epoch', x)) AS bigint); timestamptz's epoch does not depend on the session's zone.
    private static SqlExpression OnPostgres(SqlExpression instant)
    {
        var text = new StringTypeMapping("text", DbType.String);
        var real = new DoubleTypeMapping("double precision", DbType.Double);
        var seconds = new SqlFunctionExpression("date_part", [new SqlConstantExpression("epoch", typeof(string), text), instant],
            nullable: true, argumentsPropagateNullability: [false, true], typeof(double), real);
        var floor = new SqlFunctionExpression("floor", [seconds], nullable: true, argumentsPropagateNullability: [true], typeof(double), real);
        return new SqlUnaryExpression(ExpressionType.Convert, floor, typeof(long), new LongTypeMapping("bigint", DbType.Int64));
    }

    // SQLite keeps instants as 'yyyy-MM-dd HH:mm:ss.fffffff' text: CAST(strftime('%s', x) AS INTEGER).
    private static SqlExpression OnSqlite(SqlExpression instant)
    {
        var text = new StringTypeMapping("TEXT", DbType.String);
        var seconds = new SqlFunctionExpression("strftime", [new SqlConstantExpression("%s", typeof(string), text), instant],
            nullable: true, argumentsPropagateNullability: [false, true], typeof(string), text);
        return new SqlUnaryExpression(ExpressionType.Convert, seconds, typeof(long), new LongTypeMapping("INTEGER", DbType.Int64));
    }
}
