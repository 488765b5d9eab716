import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PageRequest } from '../../common';
import { Transactions } from '../../database';
import { FormDefinition, FormVersion, Office, ProcedureDefinition, ProcedureFilter, ProcedureSummary, TaskForm } from './catalogue.types';

interface FormRow {
  form_key: string;
  version: number;
  schema: Record<string, unknown>;
}

interface ProcedureRow {
  key: string;
  title: string;
  office: string;
  category: string;
  legal_basis: string;
  legal_days: number;
  spid_level: string;
  fee_cents: number | null;
  life_events: string[];
  start_form_key: string;
  task_forms: TaskForm[];
  model_version_id: string;
  model_version: number;
  model_deployed_at: Date;
  updated_at: Date;
}

export interface ProcedureRecord extends ProcedureSummary {
  startFormKey: string;
  taskForms: TaskForm[];
  modelVersionId: string;
  modelDeployedAt: Date;
}


/** Lower case, accents stripped: "Attività" and "attivita" match alike. */
export const normaliseForSearch = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** JSON with sorted keys, so a re-indented form file is the same content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

@Injectable()
export class CatalogueRepository {
  constructor(private readonly tx: Transactions) {}

  /** Serialises catalogue deployments across processes (several nodes booting at once). */
  async lockDeployment(): Promise<void> {
    await this.tx.manager().query(`select pg_advisory_xact_lock(hashtextextended('catalogue:deploy', 7))`);
  }

  async upsertOffice(office: Office): Promise<void> {
    await this.tx.manager().query(
      `insert into catalogue_office (key, name, email) values ($1, $2, $3)
       on conflict (key) do update set name = excluded.name, email = excluded.email, updated_at = now()
       where (catalogue_office.name, catalogue_office.email) is distinct from (excluded.name, excluded.email)`,
      [office.key, office.name, office.email],
    );
  }

  /**
   * Records a form version unless the content equals the latest one. With `keepPublished` (a boot
   * deploy from forms/), content equal to an older version that a modeler publication superseded
   * keeps the latest version: forms/ has not been exported yet, it is not a change.
   */
  async saveFormVersion(form: FormDefinition, opts: { keepPublished?: boolean } = {}): Promise<{ version: number; created: boolean }> {
    const em = this.tx.manager();
    const canonical = canonicalJson(form.schema);
    const hash = createHash('sha256').update(canonical, 'utf8').digest('hex');
    const [latest] = (await em.query(
      'select version, hash from catalogue_form_version where form_key = $1 order by version desc limit 1',
      [form.key],
    )) as Array<{ version: number; hash: string }>;
    if (latest && latest.hash === hash) return { version: latest.version, created: false };
    if (latest && opts.keepPublished) {
      const [superseded] = (await em.query(
        `select 1 from catalogue_form_version old where old.form_key = $1 and old.hash = $2 and exists (
           select 1 from catalogue_publication p, jsonb_array_elements(p.forms) f
           where f->>'key' = $1 and (f->>'version')::int > old.version)`,
        [form.key, hash],
      )) as unknown[];
      if (superseded) return { version: latest.version, created: false };
    }
    const version = (latest?.version ?? 0) + 1;
    await em.query('insert into catalogue_form_version (form_key, version, hash, schema) values ($1, $2, $3, $4::jsonb)', [
      form.key,
      version,
      hash,
      canonical,
    ]);
    return { version, created: true };
  }

  async saveProcedure(p: ProcedureDefinition, model: { id: string; version: number; createdAt: Date }): Promise<void> {
    await this.tx.manager().query(
      `insert into catalogue_procedure (key, title, title_search, office, category, legal_basis, legal_days, spid_level,
         fee_cents, life_events, start_form_key, task_forms, model_version_id, model_version, model_deployed_at, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, true)
       on conflict (key) do update set title = excluded.title, title_search = excluded.title_search, office = excluded.office,
         category = excluded.category, legal_basis = excluded.legal_basis, legal_days = excluded.legal_days,
         spid_level = excluded.spid_level, fee_cents = excluded.fee_cents, life_events = excluded.life_events,
         start_form_key = excluded.start_form_key, task_forms = excluded.task_forms, model_version_id = excluded.model_version_id,
         model_version = excluded.model_version, model_deployed_at = excluded.model_deployed_at, active = true, updated_at = now()
       where catalogue_procedure.model_version_id is distinct from excluded.model_version_id
          or (catalogue_procedure.title, catalogue_procedure.office, catalogue_procedure.category, catalogue_procedure.legal_basis,
              catalogue_procedure.legal_days, catalogue_procedure.spid_level, catalogue_procedure.fee_cents,
              catalogue_procedure.life_events, catalogue_procedure.start_form_key, catalogue_procedure.task_forms,
              catalogue_procedure.active)
             is distinct from
             (excluded.title, excluded.office, excluded.category, excluded.legal_basis, excluded.legal_days, excluded.spid_level,
              excluded.fee_cents, excluded.life_events, excluded.start_form_key, excluded.task_forms, true)`,
      [
        p.key,
        p.title,
        normaliseForSearch(p.title),
        p.office,
        p.category,
        p.legalBasis,
        p.legalDays,
        p.spidLevel,
        p.feeCents,
        p.lifeEvents,
        p.startFormKey,
        JSON.stringify(p.taskForms),
        model.id,
        model.version,
        model.createdAt,
      ],
    );
  }

  /**
   * Whether a procedure file holds (semantically) an older model version than one an analyst
   * published from the modeler since: a boot deploy then keeps the published version.
   */
  async supersededByPublication(processKey: string, xml: string): Promise<boolean> {
    const [row] = (await this.tx.manager().query(
      `select 1 from engine_model_version old
       where old.process_key = $1 and regexp_replace(old.xml, '\n<!-- sportello:forms [^>]*-->\n$', '') = $2
         and exists (select 1 from catalogue_publication p where p.process_key = $1 and p.model_version > old.version)`,
      [processKey, xml.trimEnd()],
    )) as unknown[];
    return row !== undefined;
  }

  async recordPublication(p: { processKey: string; modelVersionId: string; modelVersion: number; forms: Array<{ key: string; version: number }>; diff: unknown; publishedBy: string }): Promise<void> {
    await this.tx.manager().query(
      `insert into catalogue_publication (process_key, model_version_id, model_version, forms, diff, published_by) values ($1, $2, $3, $4::jsonb, $5::jsonb, $6)`,
      [p.processKey, p.modelVersionId, p.modelVersion, JSON.stringify(p.forms), JSON.stringify(p.diff), p.publishedBy],
    );
  }

  async deployedKeys(): Promise<{ procedures: string[]; forms: string[] }> {
    const em = this.tx.manager();
    const procedures = (await em.query('select key from catalogue_procedure where active order by key')) as Array<{ key: string }>;
    const forms = (await em.query('select distinct form_key from catalogue_form_version order by form_key')) as Array<{ form_key: string }>;
    return { procedures: procedures.map((r) => r.key), forms: forms.map((r) => r.form_key) };
  }

  /** Keys of procedures ever published from the modeler: they stay in the catalogue without a file in processes/. */
  async publishedKeys(): Promise<string[]> {
    const rows = (await this.tx.manager().query('select distinct process_key from catalogue_publication order by process_key')) as Array<{ process_key: string }>;
    return rows.map((r) => r.process_key);
  }

  /** Every active procedure with its current model version's XML (forms stamp included), for catalogue:export. */
  async activeModels(): Promise<Array<{ key: string; xml: string; modelVersionId: string }>> {
    return (await this.tx.manager().query(
      `select p.key, m.xml, m.id as "modelVersionId" from catalogue_procedure p join engine_model_version m on m.id = p.model_version_id where p.active order by p.key`,
    )) as Array<{ key: string; xml: string; modelVersionId: string }>;
  }

  /** The form versions bound to a model version. */
  async modelForms(modelVersionId: string): Promise<FormVersion[]> {
    const rows = (await this.tx.manager().query(
      `select v.form_key, v.version, v.schema from catalogue_model_form b join catalogue_form_version v on v.form_key = b.form_key and v.version = b.form_version
       where b.model_version_id = $1 order by v.form_key`,
      [modelVersionId],
    )) as FormRow[];
    return rows.map((row) => ({ key: row.form_key, version: row.version, schema: row.schema }));
  }

  /** Procedures whose file was removed stay recorded (running cases refer to them) but leave the catalogue. */
  async retireAllExcept(keys: string[]): Promise<void> {
    await this.tx
      .manager()
      .query('update catalogue_procedure set active = false, updated_at = now() where active and not (key = any($1::text[]))', [keys]);
  }

  async listProcedures(filter: ProcedureFilter, page: PageRequest): Promise<{ items: ProcedureSummary[]; total: number }> {
    const where = ['active'];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.office) add((n) => `office = ${n}`, filter.office);
    if (filter.category) add((n) => `category = ${n}`, filter.category);
    if (filter.q) add((n) => `title_search like ${n} escape '\\'`, `%${normaliseForSearch(filter.q).replace(/[\\%_]/g, '\\$&')}%`);
    const clause = where.join(' and ');
    const em = this.tx.manager();
    const [{ total }] = (await em.query(`select count(*)::int as total from catalogue_procedure where ${clause}`, params)) as Array<{
      total: number;
    }>;
    const rows = (await em.query(
      `select * from catalogue_procedure where ${clause} order by title_search, key limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, page.pageSize, page.offset],
    )) as ProcedureRow[];
    return { items: rows.map((r) => toSummary(r)), total };
  }

  async findProcedure(key: string): Promise<ProcedureRecord | null> {
    const [row] = (await this.tx.manager().query('select * from catalogue_procedure where key = $1 and active', [key])) as ProcedureRow[];
    if (!row) return null;
    return {
      ...toSummary(row),
      startFormKey: row.start_form_key,
      taskForms: row.task_forms,
      modelVersionId: row.model_version_id,
      modelDeployedAt: new Date(row.model_deployed_at),
    };
  }

  async listOffices(): Promise<Office[]> {
    return (await this.tx.manager().query('select key, name, email from catalogue_office order by name')) as Office[];
  }

  async findOffice(key: string): Promise<Office | null> {
    const [row] = (await this.tx.manager().query('select key, name, email from catalogue_office where key = $1', [key])) as Office[];
    return row ?? null;
  }

  /** The form versions deployed with a model version; a model version's forms never change once bound. */
  async bindModelForms(modelVersionId: string, forms: Array<{ key: string; version: number }>): Promise<void> {
    for (const f of forms) {
      await this.tx
        .manager()
        .query(`insert into catalogue_model_form (model_version_id, form_key, form_version) values ($1, $2, $3) on conflict do nothing`, [modelVersionId, f.key, f.version]);
    }
  }

  /** The citizen phases of a model version, computed from its diagram at deploy; a version's diagram never changes, so neither do they. */
  async saveModelPhases(modelVersionId: string, phases: string[]): Promise<void> {
    await this.tx
      .manager()
      .query(`insert into catalogue_model_phases (model_version_id, phases) values ($1, $2::jsonb) on conflict do nothing`, [modelVersionId, JSON.stringify(phases)]);
  }

  async modelPhases(modelVersionId: string): Promise<string[] | null> {
    const [row] = (await this.tx.manager().query('select phases from catalogue_model_phases where model_version_id = $1', [modelVersionId])) as Array<{ phases: string[] }>;
    return row?.phases ?? null;
  }

  async formVersion(key: string, version: number): Promise<FormVersion | null> {
    const [row] = (await this.tx
      .manager()
      .query('select form_key, version, schema from catalogue_form_version where form_key = $1 and version = $2', [key, version])) as FormRow[];
    return row ? { key: row.form_key, version: row.version, schema: row.schema } : null;
  }

  /**
   * The version of a form deployed with a model version; for a model version deployed before
   * bindings existed, the newest form version recorded when that model version was deployed.
   */
  async formForModel(key: string, modelVersionId: string): Promise<FormVersion | null> {
    const [row] = (await this.tx.manager().query(
      `select v.form_key, v.version, v.schema from catalogue_form_version v
       where v.form_key = $1 and v.version = coalesce(
         (select b.form_version from catalogue_model_form b where b.model_version_id = $2 and b.form_key = $1),
         (select max(x.version) from catalogue_form_version x where x.form_key = $1
            and x.created_at <= (select m.created_at from engine_model_version m where m.id = $2)))`,
      [key, modelVersionId],
    )) as FormRow[];
    return row ? { key: row.form_key, version: row.version, schema: row.schema } : null;
  }

  /** A procedure's start form key, retired procedures included (running cases refer to them). */
  async startFormKey(procedureKey: string): Promise<string | null> {
    const [row] = (await this.tx.manager().query('select start_form_key from catalogue_procedure where key = $1', [procedureKey])) as Array<{ start_form_key: string }>;
    return row?.start_form_key ?? null;
  }

  async latestForm(key: string): Promise<FormVersion | null> {
    const [row] = (await this.tx
      .manager()
      .query('select form_key, version, schema from catalogue_form_version where form_key = $1 order by version desc limit 1', [key])) as Array<{
      form_key: string;
      version: number;
      schema: Record<string, unknown>;
    }>;
    return row ? { key: row.form_key, version: row.version, schema: row.schema } : null;
  }
}

function toSummary(r: ProcedureRow): ProcedureSummary {
  return {
    key: r.key,
    title: r.title,
    office: r.office,
    category: r.category,
    legalBasis: r.legal_basis,
    legalDays: r.legal_days,
    spidLevel: r.spid_level,
    feeCents: r.fee_cents,
    lifeEvents: r.life_events,
    version: r.model_version,
    updatedAt: new Date(r.updated_at),
  };
}
