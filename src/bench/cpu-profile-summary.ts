import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

/** The parts of V8's `.cpuprofile` JSON the summary reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  fn: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Profiled wall time, ms (the longest of the processes). */
  wallMs: number;
  /**
   * Busy time in the profiled processes, ms: every sample except (idle). V8 samples on a wall-clock
   * timer, so on a loaded machine this includes time runnable but waiting for a core.
   */
  busyMs: number;
  perProcess: Record<string, { wallMs: number; busyMs: number }>;
  self: FunctionTime[];
  inclusive: FunctionTime[];
  /** Self time by package (node_modules/<pkg>), our code (src/…), node internals and V8 buckets. */
  byArea: FunctionTime[];
}

const ROOT = resolve(__dirname, '../..');

const where = (url: string): string => {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  return path.startsWith('/') ? relative(ROOT, path) : path;
};

const label = (n: ProfileNode): string => {
  const at = where(n.callFrame.url);
  const name = n.callFrame.functionName || '(anonymous)';
  return at ? `${name} ${at}:${n.callFrame.lineNumber + 1}` : name;
};

const area = (n: ProfileNode): string => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/dist/')) return `app ${url.slice(url.indexOf('/dist/') + 6).split('/').slice(0, 3).join('/')}`;
  return url;
};

const IDLE = new Set(['(idle)']);

/** Self and inclusive time per function over a set of profiles (one per process), in ms of samples. */
export function summarise(profiles: Array<{ name: string; profile: CpuProfile }>, top = 40): ProfileSummary {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byArea = new Map<string, number>();
  const perProcess: ProfileSummary['perProcess'] = {};
  let busy = 0;
  let wall = 0;
  for (const { name, profile } of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const ms = new Map<number, number>();
    // timeDeltas[i] is the time before sample i; attribute each sample the time until the next one.
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      ms.set(profile.samples[i], (ms.get(profile.samples[i]) ?? 0) + dt);
    }
    let procBusy = 0;
    for (const [id, t] of ms) {
      const n = byId.get(id)!;
      if (IDLE.has(n.callFrame.functionName)) continue;
      procBusy += t;
      self.set(label(n), (self.get(label(n)) ?? 0) + t);
      byArea.set(area(n), (byArea.get(area(n)) ?? 0) + t);
      // Inclusive: each distinct function on the stack once (recursion counted once).
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const l = label(byId.get(cur)!);
        if (seen.has(l)) continue;
        seen.add(l);
        inclusive.set(l, (inclusive.get(l) ?? 0) + t);
      }
    }
    const procWall = (profile.endTime - profile.startTime) / 1000;
    perProcess[name] = { wallMs: Math.round(procWall), busyMs: Math.round(procBusy) };
    busy += procBusy;
    wall = Math.max(wall, procWall);
  }
  const rank = (m: Map<string, number>): FunctionTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, t]) => ({ fn, ms: Math.round(t), share: Math.round((1000 * t) / Math.max(busy, 1)) / 10 }));
  inclusive.delete('(root)');
  return { wallMs: Math.round(wall), busyMs: Math.round(busy), perProcess, self: rank(self), inclusive: rank(inclusive), byArea: rank(byArea) };
}

export function summariseDir(dir: string, top = 40): ProfileSummary {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  return summarise(
    files.map((f) => ({ name: basename(f, '.cpuprofile'), profile: JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile })),
    top,
  );
}

export function formatSummary(s: ProfileSummary, perUnit?: { n: number; unit: string }): string {
  const row = (f: FunctionTime) => `${String(f.ms).padStart(8)} ms ${f.share.toFixed(1).padStart(5)} %  ${f.fn}`;
  const per = perUnit ? `, ${(s.busyMs / perUnit.n).toFixed(2)} busy ms per ${perUnit.unit}` : '';
  return [
    `profiled ${s.wallMs} ms wall, ${s.busyMs} ms busy (not idle) in ${Object.keys(s.perProcess).length} processes${per}`,
    ...Object.entries(s.perProcess).map(([p, v]) => `  pid ${p}: ${v.busyMs} ms busy`),
    '', 'by area (self):', ...s.byArea.map(row),
    '', 'top self:', ...s.self.map(row),
    '', 'top inclusive:', ...s.inclusive.map(row),
  ].join('\n');
}

/** `node dist/bench/cpu-profile-summary.js <dir> [lifecycles]`: print the summary of the profiles in dir. */
if (require.main === module) {
  const [dir, n] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node dist/bench/cpu-profile-summary.js <dir with .cpuprofile files> [units]\n');
    process.exit(2);
  }
  const s = summariseDir(dir, 60);
  process.stdout.write(`${formatSummary(s, n ? { n: Number(n), unit: 'unit' } : undefined)}\n`);
}
