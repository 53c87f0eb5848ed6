/**
 * Percentiles, the JSON result file (the exact shape issue 7 asks for) and the Markdown table
 * with each target from the issue beside its result.
 */
import { MEASUREMENTS, RATIO_LIMIT, type MeasurementDef } from './measure/measurements.ts';

export interface Result {
  name: string;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  raw_p50_ms: number | null;
  ratio_p50: number | null;
}

export interface BenchJson {
  contacts: number;
  node: string;
  results: Result[];
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('No samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function summarise(name: string, app: readonly number[], raw: readonly number[] | null): Result {
  const p50 = percentile(app, 50);
  const rawP50 = raw && raw.length > 0 ? percentile(raw, 50) : null;
  return {
    name,
    p50_ms: round(p50),
    p95_ms: round(percentile(app, 95)),
    max_ms: round(Math.max(...app)),
    raw_p50_ms: rawP50 === null ? null : round(rawP50),
    ratio_p50: rawP50 === null || rawP50 <= 0 ? null : round(p50 / rawP50),
  };
}

/** A result given directly (memory, fps): p50, p95 and max in the row's own unit. */
export function fixed(
  name: string,
  p50: number,
  p95: number,
  max: number,
  raw: number | null = null,
): Result {
  return {
    name,
    p50_ms: round(p50),
    p95_ms: round(p95),
    max_ms: round(max),
    raw_p50_ms: raw === null ? null : round(raw),
    ratio_p50: raw === null || raw <= 0 ? null : round(p50 / raw),
  };
}

export interface Verdict {
  target: string;
  status: 'met' | 'missed' | '';
  why: string;
}

/** Checks a result against its target, the read ratio and (list.page.last) the first page. */
export function verdict(def: MeasurementDef, result: Result, all: readonly Result[]): Verdict {
  const targets: string[] = [];
  const misses: string[] = [];
  if (def.target) {
    const t = def.target;
    targets.push(t.text);
    const value = t.stat === 'p50' ? result.p50_ms : t.stat === 'p95' ? result.p95_ms : result.max_ms;
    if (t.op === '<=' ? value > t.value : value < t.value) misses.push(`${t.stat} ${value}`);
  }
  if (def.name === 'list.page.last') {
    targets.push('≤ first page');
    const first = all.find((r) => r.name === 'list.page.first');
    // "No slower": the last page's p50 within 10% (timer noise) of the first page's.
    if (first && result.p50_ms > first.p50_ms * 1.1)
      misses.push(`p50 ${result.p50_ms} > first ${first.p50_ms}`);
  }
  if (def.read && result.ratio_p50 !== null) {
    targets.push(`ratio ≤ ${RATIO_LIMIT}`);
    if (result.ratio_p50 > RATIO_LIMIT) misses.push(`ratio ${result.ratio_p50}`);
  }
  if (targets.length === 0) return { target: '—', status: '', why: '' };
  return { target: targets.join('; '), status: misses.length > 0 ? 'missed' : 'met', why: misses.join(', ') };
}

const fmt = (n: number | null) =>
  n === null ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);

export function markdown(json: BenchJson, runs: Map<string, string>, header: string[]): string {
  const lines = [...header, ''];
  lines.push('| result | unit | p50 | p95 | max | raw p50 | app/raw | runs | target (1M) | |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of json.results) {
    const def = MEASUREMENTS.find((m) => m.name === r.name);
    if (!def) continue;
    const v = verdict(def, r, json.results);
    const status = v.status === 'missed' ? `**missed** (${v.why})` : v.status;
    lines.push(
      `| ${r.name} | ${def.unit} | ${fmt(r.p50_ms)} | ${fmt(r.p95_ms)} | ${fmt(r.max_ms)} | ${fmt(r.raw_p50_ms)} | ${fmt(r.ratio_p50)} | ${runs.get(r.name) ?? ''} | ${v.target} | ${status} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
