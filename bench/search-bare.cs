// Times one SQL statement run directly against a SQLite database (see search-load.sh), with
// the SQLite library Quire itself loads (Microsoft.Data.Sqlite's bundled e_sqlite3), so the
// planner is the same as the server's.
//
//   dotnet run bench/search-bare.cs -- DATABASE SECONDS "SQL"
//
// Runs the statement over and over on one connection for SECONDS (reading every row), after
// five warm-up runs, and prints runs, rows, p50 and p99 in milliseconds: the bare query
// Quire's search is compared with (no HTTP, sign-in, permissions or rendering).
#:package Microsoft.Data.Sqlite
using System.Diagnostics;
using Microsoft.Data.Sqlite;

using var connection = new SqliteConnection($"Data Source={args[0]};Mode=ReadOnly");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText = args[2];
int Run() { using var r = command.ExecuteReader(); var n = 0; while (r.Read()) n++; return n; }
var rows = 0;
for (var i = 0; i < 5; i++) rows = Run();
var times = new List<double>();
var end = Stopwatch.StartNew();
while (end.Elapsed.TotalSeconds < double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture))
{
    var t = Stopwatch.GetTimestamp();
    rows = Run();
    times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
}
times.Sort();
double Pct(double p) => times[Math.Min(times.Count - 1, (int)(times.Count * p))];
Console.WriteLine($"runs={times.Count} rows={rows} p50={Pct(0.5):F2}ms p99={Pct(0.99):F2}ms");
