/**
 * Prometheus metrics of one server (prom-client, a registry of its own so two servers in one
 * process do not mix): statements accepted, rejected by code, journaled, forwarded, refused by
 * the LRS; forward lag and journal size, read when scraped.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServeMetrics {
  registry: Registry;
  accepted: Counter;
  rejected: Counter<'code'>;
  journaled: Counter;
  forwarded: Counter;
  lrsRefused: Counter;
  lrsRetries: Counter;
}

export function createServeMetrics(read: { journalBytes: () => number; lagBytes: () => number }): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_serve_' });
  const counter = <L extends string = never>(name: string, help: string, labelNames: L[] = []) => new Counter<L>({ name, help, labelNames, registers: [registry] });
  const metrics: ServeMetrics = {
    registry,
    accepted: counter('tandem_relay_statements_accepted_total', 'Statements the relay accepted (answered 2xx).'),
    rejected: counter('tandem_relay_requests_rejected_total', 'Relay requests refused, by permanent code.', ['code']),
    journaled: counter('tandem_relay_statements_journaled_total', 'Statements written and fsynced to the journal.'),
    forwarded: counter('tandem_relay_statements_forwarded_total', 'Statements the LRS acknowledged.'),
    lrsRefused: counter('tandem_relay_statements_lrs_refused_total', 'Statements the LRS refused for good (set aside in lrs-refused.ndjson).'),
    lrsRetries: counter('tandem_relay_lrs_retries_total', 'Forward attempts that failed for a passing reason (outage, 5xx, 429, timeout).'),
  };
  new Gauge({ name: 'tandem_relay_forward_lag_bytes', help: 'Journal bytes not yet acknowledged by the LRS (0 without an LRS).', registers: [registry], collect() { this.set(read.lagBytes()); } });
  new Gauge({ name: 'tandem_relay_journal_bytes', help: 'Bytes the journal folder takes on disk.', registers: [registry], collect() { this.set(read.journalBytes()); } });
  return metrics;
}
