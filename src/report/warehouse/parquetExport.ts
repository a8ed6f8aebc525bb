/**
 * `tandem report --parquet <dir>`: the normalized statements and ops data as Hive-partitioned
 * Parquet (by objective_id and event_date), written through DuckDB, with views.sql (the KPI
 * definitions as SQL views) and load-duckdb.sql beside them. See README, "tandem report: warehouse".
 *
 * Rows arrive one by one during the report's single pass (the report's EventSink) and go to a
 * DuckDB appender, so the export adds no second read of the statements and holds no statements in
 * JavaScript; DuckDB keeps them in its own buffer (spilling to a temp directory past its memory
 * limit) until `finish` copies them out. The rows are those the report counts for its period:
 * after de-duplication by id and voiding, with the period's bounds; `seq` keeps the stream order.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CountedEvent } from '../aggregateStatements.js';
import type { ReportSink } from '../buildReport.js';
import type { OpsRow } from '../ops/readOpsCsv.js';
import type { Report } from '../reportModel.js';
import type { DuckDbModule } from './loadDuckDb.js';
import { LOAD_DUCKDB_SQL, VIEWS_SQL } from './viewsSql.js';

const STAGED_STATEMENTS = `CREATE TABLE staged_statements (
  seq BIGINT, statement_id VARCHAR, objective_id VARCHAR, unit_id VARCHAR, learner VARCHAR, at_ms BIGINT,
  kind VARCHAR, verb VARCHAR, score DOUBLE, duration_seconds DOUBLE, screen INTEGER, question_id VARCHAR,
  correct BOOLEAN, response VARCHAR, printed_version VARCHAR, revision VARCHAR, channel VARCHAR)`;
const STAGED_OPS = `CREATE TABLE staged_ops (objective_id VARCHAR, unit_id VARCHAR, at_ms BIGINT, team VARCHAR, metric VARCHAR, metric_value DOUBLE, n INTEGER)`;

/** The columns of statements/ (the partition columns objective_id and event_date live in the folder names). */
const STATEMENT_COLUMNS = `seq, statement_id, unit_id, learner, epoch_ms(at_ms) AS occurred_at, kind, verb, score, duration_seconds,
  screen, question_id, correct, response, printed_version, revision, channel`;
const OPS_COLUMNS = `unit_id, team, metric, metric_value, n`;

export class ParquetExport implements ReportSink {
  private statements!: DuckDBAppender;
  private ops!: DuckDBAppender;
  private statementRows = 0;
  private opsRows = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly dir: string,
    private readonly tempDir: string,
  ) {}

  static async open(duckdb: DuckDbModule, dir: string): Promise<ParquetExport> {
    const tempDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-duckdb-'));
    const instance = await duckdb.DuckDBInstance.create(':memory:', {
      // Bounded: past this DuckDB spills to disk. A partitioned COPY reserves buffers per open
      // partition (objectives × days), more than 256 MB for a year of four objectives.
      memory_limit: '1GB',
      temp_directory: tempDir,
      preserve_insertion_order: 'false',
    });
    const connection = await instance.connect();
    const exported = new ParquetExport(instance, connection, path.resolve(dir), tempDir);
    await connection.run(STAGED_STATEMENTS);
    await connection.run(STAGED_OPS);
    exported.statements = await connection.createAppender('staged_statements');
    exported.ops = await connection.createAppender('staged_ops');
    return exported;
  }

  async restart(): Promise<void> {
    this.statements.flushSync();
    await this.connection.run('DELETE FROM staged_statements');
    this.statementRows = 0;
  }

  add(event: CountedEvent, seq: number): void {
    const a = this.statements;
    const { base } = event;
    a.appendBigInt(BigInt(seq));
    text(a, base.id);
    a.appendVarchar(base.objective.objectiveId);
    a.appendVarchar(base.objective.unit.id);
    a.appendVarchar(base.learner);
    a.appendBigInt(BigInt(base.at));
    a.appendVarchar(event.kind);
    text(a, event.kind === 'lesson' ? event.verb : undefined);
    number(a, event.kind === 'lesson' ? event.score : undefined);
    number(a, event.kind === 'lesson' ? event.durationSeconds : undefined);
    if (event.kind === 'screen') a.appendInteger(event.screen);
    else a.appendNull();
    text(a, event.kind === 'answer' ? event.question.id : undefined);
    if (event.kind === 'answer') a.appendBoolean(event.correct);
    else a.appendNull();
    text(a, event.kind === 'answer' ? event.response : undefined);
    text(a, event.kind === 'view' ? event.printedVersion : undefined);
    text(a, event.kind === 'view' ? event.revision : undefined);
    // The channel as the report counts it (statementEvent): a known src tag, else 'unknown'.
    text(a, event.kind === 'view' ? event.channel : undefined);
    a.endRow();
    this.statementRows++;
  }

  opsRow(row: OpsRow): void {
    const a = this.ops;
    a.appendVarchar(row.objective.objectiveId);
    a.appendVarchar(row.objective.unit.id);
    a.appendBigInt(BigInt(row.at));
    text(a, row.team);
    a.appendVarchar(row.metric);
    a.appendDouble(row.value);
    if (row.n === undefined) a.appendNull();
    else a.appendInteger(row.n);
    a.endRow();
    this.opsRows++;
  }

  /** Writes the Parquet files, views.sql and load-duckdb.sql; returns the files and folders written. */
  async finish(report: Report): Promise<string[]> {
    this.statements.flushSync();
    this.ops.flushSync();
    const run = (sql: string) => this.connection.run(sql);
    await mkdir(this.dir, { recursive: true });
    // Only what this export owns is replaced; a partition left from an earlier run would be counted.
    for (const name of ['statements', 'ops', 'objectives.parquet', 'questions.parquet', 'windows.parquet']) await rm(path.join(this.dir, name), { recursive: true, force: true });
    await this.copyPartitioned('statements', `SELECT ${STATEMENT_COLUMNS}, objective_id, CAST(epoch_ms(at_ms) AS DATE) AS event_date FROM staged_statements`, this.statementRows);
    await this.copyPartitioned('ops', `SELECT ${OPS_COLUMNS}, objective_id, CAST(epoch_ms(at_ms) AS DATE) AS event_date FROM staged_ops`, this.opsRows);

    await run('CREATE TABLE objectives (objective_id VARCHAR, unit_id VARCHAR, unit_version VARCHAR, title VARCHAR, metric_name VARCHAR, metric_layer VARCHAR, baseline DOUBLE)');
    await run('CREATE TABLE questions (objective_id VARCHAR, question_id VARCHAR, question_order INTEGER)');
    await run('CREATE TABLE windows (window_label VARCHAR, since_date DATE, until_date DATE)');
    const objectives = await this.connection.createAppender('objectives');
    const questions = await this.connection.createAppender('questions');
    for (const o of report.objectives) {
      const metric = o.execution.metrics[0] ?? o.business.metrics[0];
      for (const value of [o.objectiveId, o.unitId, o.unitVersion, o.title, metric?.name, metric?.layer]) text(objectives, value);
      number(objectives, metric?.baseline ?? undefined);
      objectives.endRow();
      o.items.forEach((item, i) => {
        questions.appendVarchar(o.objectiveId);
        questions.appendVarchar(item.questionId);
        questions.appendInteger(i + 1);
        questions.endRow();
      });
    }
    objectives.closeSync();
    questions.closeSync();
    const windows = [{ label: 'period', since: report.period.since, until: report.period.until }, ...(report.objectives[0]?.windows ?? [])];
    for (const w of windows) {
      await this.connection.run('INSERT INTO windows VALUES ($1, CAST($2 AS DATE), CAST($3 AS DATE))', [w.label, w.since, w.until]);
    }
    for (const table of ['objectives', 'questions', 'windows']) await run(`COPY ${table} TO ${quote(path.join(this.dir, `${table}.parquet`))} (FORMAT parquet)`);
    await writeFile(path.join(this.dir, 'views.sql'), VIEWS_SQL);
    await writeFile(path.join(this.dir, 'load-duckdb.sql'), LOAD_DUCKDB_SQL);
    return ['statements', 'ops', 'objectives.parquet', 'questions.parquet', 'windows.parquet', 'views.sql', 'load-duckdb.sql'].map((name) => path.join(this.dir, name));
  }

  /** Hive-partitioned COPY; with no rows, one empty file keeps the folder readable (a glob over nothing is an error). */
  private async copyPartitioned(name: string, select: string, rows: number): Promise<void> {
    const folder = path.join(this.dir, name);
    if (rows > 0) {
      await this.connection.run(`COPY (${select}) TO ${quote(folder)} (FORMAT parquet, PARTITION_BY (objective_id, event_date))`);
      return;
    }
    const empty = path.join(folder, 'objective_id=none', 'event_date=1970-01-01');
    await mkdir(empty, { recursive: true });
    await this.connection.run(`COPY (SELECT * EXCLUDE (objective_id, event_date) FROM (${select}) LIMIT 0) TO ${quote(path.join(empty, 'data_0.parquet'))} (FORMAT parquet)`);
  }

  /** Releases DuckDB (its memory and temp files); call in `finally`. */
  async close(): Promise<void> {
    for (const appender of [this.statements, this.ops]) {
      try {
        appender?.closeSync();
      } catch {
        // Already closed, or the instance failed; nothing left to release here.
      }
    }
    this.connection.closeSync();
    this.instance.closeSync();
    await rm(this.tempDir, { recursive: true, force: true });
  }
}

function text(a: DuckDBAppender, value: string | undefined): void {
  if (value === undefined) a.appendNull();
  else a.appendVarchar(value);
}

function number(a: DuckDBAppender, value: number | undefined): void {
  if (value === undefined) a.appendNull();
  else a.appendDouble(value);
}

/** A SQL string literal. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
