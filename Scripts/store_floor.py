#!/usr/bin/env python3
"""Scripts/store_floor.py — the real-schema store floor of one executed run (used by Scripts/bench and
Scripts/backtrader-compare; see docs/PERFORMANCE.md).

What a writer of the run's rows cannot go below on this server, whatever the client does:
1. Export (not timed). Every row the run's execute-window wrote — its events (those of its executed hours),
   the projection rows of those events (predictions, verdicts, verdict_rules, orders, fills,
   order_cancellations, ledger_lines, exits, kill_switch_events), the state snapshots its manifests point
   at (blobs), hour_manifests and hour_inputs — is copied out with binary COPY, one file per table and
   batch. A batch is `--batch-hours` consecutive executed hours of the run, as the executor cuts them
   (one transaction per `--batch-hours` hours; the last batch holds the rest). Everything else in the
   database (the bars and their events, the runs row, other runs) is the prelude.
2. A base database migrated with hourglass's own migrations (`hourglass db migrate`: every index,
   primary and unique key, foreign key — the DEFERRABLE ones too — check and trigger), holding the
   prelude (not timed).
3. For each variant, a copy of the base (CREATE DATABASE … TEMPLATE, FILE_COPY), the variant's
   constraints dropped, a CHECKPOINT, then one psql session loads the run's rows with binary \\copy in
   the executor's order and transactions: per batch BEGIN; SET LOCAL synchronous_commit = off; events;
   the projections; blobs; hour_manifests; hour_inputs; COMMIT (deferred foreign keys are checked at
   COMMIT). Timed: the session's wall (from inside the session: connection start-up excluded), its
   backend's CPU (/proc), the whole cluster's CPU (postmaster and every child: WAL writer, checkpointer,
   …), and each statement's time (psql \\timing) summed by table. Each variant is loaded `--repeat` times
   (default 2), each time into a fresh copy; the load with the least backend CPU is the floor (the machine is
   shared: the least is the closest to what the server needs), and every try's figures are listed.

The variants are cumulative, so their differences price each kind of constraint:
  real       the schema as migrated
  no_fk      real without any FOREIGN KEY constraint
  no_index   no_fk without the indexes that back no constraint (events_run_hour_idx, hour_inputs_seq_idx, …)
  no_keys    no_index without PRIMARY KEY and UNIQUE constraints (NOT NULL and CHECK remain)
The append-only triggers fire on UPDATE, DELETE and TRUNCATE only, so no variant drops them: a COPY
never runs them. Blobs go by COPY here (the executor inserts each snapshot with INSERT … ON CONFLICT).

Prints one JSON object. Usage:
  Scripts/store_floor.py --dsn DSN --run-id UUID --bin HOURGLASS [--batch-hours 512] [--variants real,no_fk]
                         [--repeat 2]
  Scripts/store_floor.py --sample FILE   (inside the timed session only: appends a clock and CPU reading)
"""
import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

# The executor's order inside a batch's transaction (CycleRunner.commit, ProjectionWriter.write).
PROJECTIONS = ["predictions", "verdicts", "verdict_rules", "orders", "fills", "order_cancellations",
               "ledger_lines", "exits", "kill_switch_events"]
RUN_ORDER = ["events", *PROJECTIONS, "blobs", "hour_manifests", "hour_inputs"]
# Prelude load order: every foreign key's target before its source.
PRELUDE_FIRST = ["events", "bars", "blobs", "runs", "hour_manifests", "hour_inputs", "verdicts"]
VARIANTS = ["real", "no_fk", "no_index", "no_keys"]
SKIP = {"schema_migrations"}


def fail(message):
    print(f"store_floor: {message}", file=sys.stderr)
    sys.exit(2)


def with_database(dsn, database):
    return re.sub(r"^(postgres(ql)?://[^/?]*)/[^?]*", lambda m: m.group(1) + "/" + database, dsn)


ENV = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")


def psql(dsn, *args, script=None):
    command = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", dsn, *args]
    if script is not None:
        command += ["-f", script]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"psql failed (exit {result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


def ticks(pid, children=False):
    """User + system CPU ticks of a process (with `children`: of its reaped children too)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # After the command name: state is fields[0], utime is field 14 of stat, i.e. fields[11].
    total = int(fields[11]) + int(fields[12])
    if children:
        total += int(fields[13]) + int(fields[14])
    return total


def cluster_seconds(data_directory):
    """CPU seconds of a whole cluster so far: the postmaster, its reaped children and its live children."""
    try:
        postmaster = int(open(os.path.join(data_directory, "postmaster.pid")).readline())
    except (OSError, ValueError):
        return None
    total = ticks(postmaster, children=True)
    listed = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True)
    children = listed.stdout.split()
    total += sum(ticks(int(child)) for child in children)
    return total / os.sysconf("SC_CLK_TCK")


def sample(path):
    """Appends "wall backend_cpu_seconds" for the backend in FLOOR_PID (run by psql's \\! in the session)."""
    backend = int(os.environ["FLOOR_PID"])
    with open(path, "a") as handle:
        handle.write(f"{time.time():.6f} {ticks(backend) / os.sysconf('SC_CLK_TCK'):.3f}\n")


def columns_of(dsn):
    rows = psql(dsn, "-F", "\t", "-c", """
        SELECT c.table_name, string_agg(c.column_name, ',' ORDER BY c.ordinal_position)
        FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' GROUP BY c.table_name""")
    return {name: cols.split(",") for name, cols in (line.split("\t") for line in rows.splitlines() if line)}


def export(dsn, run_id, batch_hours, folder):
    """Writes the prelude and the run's batches to `folder`; returns (tables, prelude, batches, counts)."""
    columns = {t: c for t, c in columns_of(dsn).items() if t not in SKIP and not t.startswith("floor_")}
    for table in RUN_ORDER:
        if table not in columns:
            fail(f"no table {table} in the database (migrated with hourglass db migrate?)")
    run = f"'{run_id}'::uuid"
    # Staging tables (unlogged, dropped at the end) that give each of the run's rows its batch.
    stage = [
        "DROP TABLE IF EXISTS floor_hours, floor_seqs, floor_blobs",
        f"""CREATE UNLOGGED TABLE floor_hours AS SELECT hour_ts_utc,
            (row_number() OVER (ORDER BY hour_ts_utc) - 1) / {batch_hours} AS floor_b
            FROM hour_manifests WHERE run_id = {run}""",
        f"""CREATE UNLOGGED TABLE floor_seqs AS SELECT e.seq, h.floor_b
            FROM events e JOIN floor_hours h ON h.hour_ts_utc = e.hour_ts_utc WHERE e.run_id = {run}""",
        "CREATE UNIQUE INDEX ON floor_seqs (seq)",
        f"""CREATE UNLOGGED TABLE floor_blobs AS SELECT m.snapshot_sha256 AS sha256, min(h.floor_b) AS floor_b
            FROM hour_manifests m JOIN floor_hours h ON h.hour_ts_utc = m.hour_ts_utc
            WHERE m.run_id = {run} AND m.snapshot_sha256 IS NOT NULL GROUP BY m.snapshot_sha256""",
    ]
    for table in RUN_ORDER:
        cols = ", ".join(f"t.{c}" for c in columns[table])
        if table == "events":
            source = "events t JOIN floor_seqs s ON s.seq = t.seq"
        elif table == "blobs":
            source = "blobs t JOIN floor_blobs s ON s.sha256 = t.sha256"
        elif table in ("hour_manifests", "hour_inputs"):
            source = f"{table} t JOIN floor_hours s ON s.hour_ts_utc = t.hour_ts_utc AND t.run_id = {run}"
        else:
            source = f"{table} t JOIN floor_seqs s ON s.seq = t.seq AND t.run_id = {run}"
        stage += [f"DROP TABLE IF EXISTS floor_stage_{table}",
                  f"CREATE UNLOGGED TABLE floor_stage_{table} AS SELECT s.floor_b, {cols} FROM {source}",
                  f"CREATE INDEX ON floor_stage_{table} (floor_b)"]
    script = os.path.join(folder, "stage.sql")
    open(script, "w").write(";\n".join(stage) + ";\n")
    psql(dsn, script=script)

    counts = {}
    for table in RUN_ORDER:
        for line in psql(dsn, "-F", "\t", "-c",
                         f"SELECT floor_b, count(*) FROM floor_stage_{table} GROUP BY 1").splitlines():
            batch, count = map(int, line.split("\t"))
            counts[(table, batch)] = count
    batches = int(psql(dsn, "-c", "SELECT coalesce(max(floor_b) + 1, 0) FROM floor_hours").strip())
    unassigned = int(psql(dsn, "-c", f"""SELECT count(*) FROM events e
        WHERE e.run_id = {run} AND NOT EXISTS (SELECT FROM floor_seqs s WHERE s.seq = e.seq)""").strip())

    order = {"events": "seq", "blobs": "sha256", "hour_manifests": "hour_ts_utc",
             "hour_inputs": "hour_ts_utc, position", "verdict_rules": "seq, position",
             "ledger_lines": "seq, posting_id, position"}
    lines = []
    for (table, batch) in sorted(counts):
        path = os.path.join(folder, f"{batch}.{table}.bin")
        lines.append(f"\\copy (SELECT {', '.join(columns[table])} FROM floor_stage_{table} WHERE floor_b = {batch} "
                     f"ORDER BY {order.get(table, 'seq')}) TO '{path}' (FORMAT binary)")
    # The prelude: every row that is not the run's (the run's events outside its executed hours, such as a
    # run's first event, stay in the prelude and are counted as `unassigned_events`).
    prelude = []
    not_run = {
        "events": "NOT EXISTS (SELECT FROM floor_seqs s WHERE s.seq = t.seq)",
        "blobs": "NOT EXISTS (SELECT FROM floor_blobs s WHERE s.sha256 = t.sha256)",
        "hour_manifests": f"t.run_id <> {run}", "hour_inputs": f"t.run_id <> {run}",
    }
    rest = sorted(t for t in columns if t not in PRELUDE_FIRST)
    for table in PRELUDE_FIRST + rest:
        if table not in columns:
            continue
        if table in not_run:
            where = not_run[table]
        elif "seq" in columns[table] and "run_id" in columns[table]:
            where = f"(t.run_id IS DISTINCT FROM {run} OR NOT EXISTS (SELECT FROM floor_seqs s WHERE s.seq = t.seq))"
        else:
            where = "true"
        path = os.path.join(folder, f"prelude.{table}.bin")
        lines.append(f"\\copy (SELECT t.* FROM {table} t WHERE {where}) TO '{path}' (FORMAT binary)")
        prelude.append(table)
    script = os.path.join(folder, "export.sql")
    open(script, "w").write("\n".join(lines) + "\n")
    psql(dsn, script=script)
    psql(dsn, "-c", "DROP TABLE floor_hours, floor_seqs, floor_blobs, "
         + ", ".join(f"floor_stage_{t}" for t in RUN_ORDER))
    return columns, prelude, batches, counts, unassigned


def variant_sql(variant):
    """SQL that drops the variant's constraints from a copy of the base database."""
    steps = VARIANTS[1:VARIANTS.index(variant) + 1]
    sql = []
    for step in steps:
        if step == "no_fk":
            kinds, what = "'f'", "constraints"
        elif step == "no_index":
            kinds, what = None, "indexes"
        else:
            kinds, what = "'p', 'u'", "constraints"
        if what == "constraints":
            sql.append(f"""DO $$ DECLARE r record; BEGIN
                FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
                         WHERE contype IN ({kinds}) AND connamespace = 'public'::regnamespace
                         ORDER BY contype = 'f' DESC, conname LOOP
                    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I CASCADE', r.t, r.conname);
                END LOOP; END $$""")
        else:
            sql.append("""DO $$ DECLARE r record; BEGIN
                FOR r IN SELECT i.indexrelid::regclass AS idx FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                         WHERE c.relnamespace = 'public'::regnamespace
                           AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid) LOOP
                    EXECUTE format('DROP INDEX %s', r.idx);
                END LOOP; END $$""")
    return sql


def timed_load(dsn, data_directory, folder, batches, counts, label):
    """Loads the run's batches into `dsn` in one psql session; returns the figures."""
    marks = os.path.join(folder, f"marks-{label}")
    me = os.path.realpath(__file__)
    lines = ["SELECT pg_backend_pid() AS floor_pid \\gset", "\\setenv FLOOR_PID :floor_pid",
             f"\\! python3 '{me}' --sample '{marks}'", "\\timing on"]
    for batch in range(batches):
        lines += ["\\echo @begin", "BEGIN;", "SET LOCAL synchronous_commit = off;"]
        for table in RUN_ORDER:
            if counts.get((table, batch)):
                lines += [f"\\echo @{table}",
                          f"\\copy {table} FROM '{os.path.join(folder, f'{batch}.{table}.bin')}' (FORMAT binary)"]
        lines += ["\\echo @commit", "COMMIT;"]
    lines += ["\\timing off", f"\\! python3 '{me}' --sample '{marks}'"]
    script = os.path.join(folder, f"load-{label}.sql")
    open(script, "w").write("\n".join(lines) + "\n")
    if os.path.exists(marks):
        os.unlink(marks)
    lsn = psql(dsn, "-c", "SELECT pg_current_wal_lsn()").strip()
    before = cluster_seconds(data_directory)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = psql(dsn, script=script)
    session_seconds = time.perf_counter() - started
    time.sleep(1)  # the backend's CPU reaches the postmaster's account once it is reaped
    after = cluster_seconds(data_directory)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    wal = float(psql(dsn, "-c", f"SELECT (pg_current_wal_lsn() - '{lsn}'::pg_lsn) / 1048576.0").strip())
    by_table, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line.startswith("Time: ") and current:
            by_table[current] = by_table.get(current, 0.0) + float(line.split()[1]) / 1000
    (t0, b0), (t1, b1) = ([float(x) for x in line.split()] for line in open(marks).read().splitlines()[:2])
    return dict(seconds=round(t1 - t0, 3), backend_cpu_seconds=round(b1 - b0, 2),
                server_cpu_seconds=round(after - before, 2) if before is not None and after is not None else None,
                psql_cpu_seconds=round(used.ru_utime + used.ru_stime - children.ru_utime - children.ru_stime, 2),
                session_seconds=round(session_seconds, 3), wal_mb=round(wal, 1),
                seconds_by_table={k: round(v, 3) for k, v in sorted(by_table.items())})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dsn", help="the database holding the executed run")
    parser.add_argument("--run-id")
    parser.add_argument("--bin", help="the hourglass binary (for db migrate)")
    parser.add_argument("--batch-hours", type=int, default=512)
    parser.add_argument("--variants", default="real", help=f"comma-separated, of {','.join(VARIANTS)}")
    parser.add_argument("--database", default="hg_floor", help="prefix of the databases it creates and drops")
    parser.add_argument("--repeat", type=int, default=2,
                        help="loads per variant, each into a fresh copy; the one with the least backend CPU is kept")
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sample:
        sample(args.sample)
        return
    if not (args.dsn and args.run_id and args.bin):
        fail("--dsn, --run-id and --bin are required")
    variants = args.variants.split(",")
    for variant in variants:
        if variant not in VARIANTS:
            fail(f"unknown variant {variant} (of {', '.join(VARIANTS)})")
    if args.batch_hours < 1 or args.repeat < 1:
        fail("--batch-hours and --repeat must be positive")
    data_directory = psql(args.dsn, "-c", "SHOW data_directory").strip()
    folder = tempfile.mkdtemp(prefix="hg-store-floor.")
    try:
        started = time.perf_counter()
        columns, prelude, batches, counts, unassigned = export(args.dsn, args.run_id, args.batch_hours, folder)
        rows = {}
        for (table, _), count in counts.items():
            rows[table] = rows.get(table, 0) + count
        base = f"{args.database}_base"
        psql(args.dsn, "-c", f"DROP DATABASE IF EXISTS {base} WITH (FORCE)", "-c", f"CREATE DATABASE {base}")
        base_dsn = with_database(args.dsn, base)
        migrate = subprocess.run([args.bin, "db", "migrate", "--dsn", base_dsn], env=ENV, capture_output=True,
                                 text=True)
        if migrate.returncode != 0:
            fail(f"hourglass db migrate failed: {migrate.stderr[-2000:]}")
        load = ["BEGIN;"] + [f"\\copy {t} FROM '{os.path.join(folder, f'prelude.{t}.bin')}' (FORMAT binary)"
                             for t in prelude] + ["COMMIT;", "VACUUM ANALYZE;"]
        script = os.path.join(folder, "prelude.sql")
        open(script, "w").write("\n".join(load) + "\n")
        psql(base_dsn, script=script)
        prepared = time.perf_counter() - started
        results = {}
        for variant in variants:
            tries = []
            for attempt in range(args.repeat):
                name = f"{args.database}_{variant}"
                psql(args.dsn, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                     "-c", f"CREATE DATABASE {name} TEMPLATE {base} STRATEGY FILE_COPY")
                vdsn = with_database(args.dsn, name)
                for sql in variant_sql(variant):
                    psql(vdsn, "-c", sql)
                psql(vdsn, "-c", "CHECKPOINT")
                tries.append(timed_load(vdsn, data_directory, folder, batches, counts, variant))
                loaded = int(psql(vdsn, "-c",
                                  f"SELECT count(*) FROM hour_manifests WHERE run_id = '{args.run_id}'").strip())
                if loaded != rows.get("hour_manifests", 0):
                    fail(f"variant {variant}: {loaded} manifests loaded of {rows.get('hour_manifests', 0)}")
                psql(args.dsn, "-c", f"DROP DATABASE {name} WITH (FORCE)")
            # The floor is the least the server needed: the try with the least backend CPU.
            best = min(tries, key=lambda t: t["backend_cpu_seconds"])
            best["tries_seconds"] = [t["seconds"] for t in tries]
            best["tries_backend_cpu_seconds"] = [t["backend_cpu_seconds"] for t in tries]
            results[variant] = best
        psql(args.dsn, "-c", f"DROP DATABASE {base} WITH (FORCE)")
        print(json.dumps(dict(run_id=args.run_id, batch_hours=args.batch_hours, batches=batches,
                              rows=dict(sorted(rows.items())), total_rows=sum(rows.values()),
                              unassigned_events=unassigned, prepare_seconds=round(prepared, 1),
                              variants=results), sort_keys=True))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
