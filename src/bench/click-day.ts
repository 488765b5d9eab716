import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CitizenPrincipal, Principal } from '../modules/identity';
import { loadCitizens } from './fiscal-codes';
import { round } from './lifecycle-load';

/**
 * A click day: `submissions` filings of certificato-residenza by `citizens` distinct citizens
 * (valid fiscal codes), `inFlight` at a time, each with its own Idempotency-Key. Every answer must
 * be 201 with a protocol number; afterwards the database must show the register gapless (numbers
 * exactly 1..N for the year) and each acknowledged case holding the number it was answered with.
 */
export interface ClickDayResult {
  submissions: number;
  citizens: number;
  inFlight: number;
  seconds: number;
  submissionsPerSec: number;
  acknowledged: number;
  errors: number;
  firstErrors: string[];
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  register: { entries: number; gapless: boolean; numbersMatchCases: boolean };
}

const quantile = (sorted: number[], q: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);

function request(c: CitizenPrincipal): Record<string, unknown> {
  return {
    procedureKey: 'certificato-residenza',
    data: {
      richiedente: { nome: c.givenName, cognome: c.familyName, codiceFiscale: c.fiscalCode, email: c.email },
      tipoCertificato: 'residenza',
      numeroCopie: 1,
      esenzioneBollo: false,
      modalitaRitiro: 'online',
      dichiarazioneVeridicita: true,
      presaVisionePrivacy: true,
    },
  };
}

export async function clickDay(opts: {
  base: string;
  issue: (p: Principal) => Promise<string>;
  url: string;
  schema: string;
  submissions: number;
  citizens: number;
  inFlight: number;
}): Promise<ClickDayResult> {
  const citizens = loadCitizens(opts.citizens);
  const tokens = await Promise.all(citizens.map((c) => opts.issue(c)));
  const samples: number[] = [];
  const acked = new Map<string, string>();
  const errors: string[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.inFlight }, async () => {
      while (next < opts.submissions) {
        const i = next++;
        const who = i % citizens.length;
        const s0 = performance.now();
        try {
          const res = await fetch(`${opts.base}/api/v1/cases`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', 'idempotency-key': `click-${i}-${randomBytes(6).toString('hex')}` },
            body: JSON.stringify(request(citizens[who])),
          });
          const body = (await res.json()) as { id?: string; protocol?: { number: string } | null };
          samples.push(performance.now() - s0);
          if (res.status === 201 && body.id && body.protocol?.number) acked.set(body.id, body.protocol.number);
          else errors.push(`${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const sorted = samples.sort((a, b) => a - b);
  return {
    submissions: opts.submissions,
    citizens: opts.citizens,
    inFlight: opts.inFlight,
    seconds: round(seconds),
    submissionsPerSec: round(opts.submissions / seconds),
    acknowledged: acked.size,
    errors: errors.length,
    firstErrors: errors.slice(0, 5),
    latencyMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: round(sorted[sorted.length - 1] ?? 0) },
    register: await verifyRegister(opts.url, opts.schema, acked),
  };
}

/** The register read back: numbers 1..N per year, and every acknowledged case carrying its number. */
async function verifyRegister(url: string, schema: string, acked: Map<string, string>): Promise<ClickDayResult['register']> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`set search_path to ${schema}`);
    const entries = (await db.query(`select year, number from protocol_entry order by year, number`)).rows as Array<{ year: number; number: number }>;
    const years = [...new Set(entries.map((e) => e.year))];
    const gapless = years.every((y) => entries.filter((e) => e.year === y).every((e, k) => e.number === k + 1));
    const cases = (await db.query(`select id, protocol_number from case_file where id = any($1::uuid[])`, [[...acked.keys()]])).rows as Array<{ id: string; protocol_number: string }>;
    const numbersMatchCases = cases.length === acked.size && cases.every((c) => acked.get(c.id) === c.protocol_number);
    return { entries: entries.length, gapless, numbersMatchCases };
  } finally {
    await db.end();
  }
}
