import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { DEMO_CITIZENS } from '../../identity';
import type { FieldError } from '../../../common';
import { IO_FISCAL_CODE, ioMessageProblems } from '../app-io.validation';
import type { IoMessageStatus } from '../app-io.port';

/** Citizens of the demo who are not on IO at first boot: the e-mail fallback can be tried at once. */
export const DEV_IO_ABSENT_DEMO_CITIZENS: readonly string[] = ['VRDGPP80A01F205X'];

export type FaultOperation = 'profile' | 'message';

/** An injected fault: the next `count` calls to `operation` answer `status` (0: no answer until the client gives up); `afterAccept`: the message is stored first. */
export interface DevIoFault {
  operation: FaultOperation;
  status: number;
  count: number;
  afterAccept?: boolean;
}

export interface DevIoMessage {
  id: string;
  fiscalCode: string;
  subject: string;
  markdown: string;
  dueDate: Date | null;
  paymentData: Record<string, unknown> | null;
  status: IoMessageStatus;
  createdAt: Date;
}

export interface DevIoCitizen {
  fiscalCode: string;
  senderAllowed: boolean;
  messages: DevIoMessage[];
}

/** The answer of the development IO, status and body, exactly as the HTTP layer writes it. */
export type DevIoAnswer =
  | { kind: 'answer'; status: number; body: Record<string, unknown> }
  | { kind: 'hang' };

const problem = (status: number, title: string, detail: string, errors?: FieldError[]): DevIoAnswer => ({
  kind: 'answer',
  status,
  body: { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) },
});

interface MessageRow {
  id: string;
  fiscal_code: string;
  subject: string;
  markdown: string;
  due_date: Date | null;
  payment_data: Record<string, unknown> | null;
  status: IoMessageStatus;
  created_at: Date;
}

const toMessage = (r: MessageRow): DevIoMessage => ({
  id: r.id,
  fiscalCode: r.fiscal_code,
  subject: r.subject,
  markdown: r.markdown,
  dueDate: r.due_date,
  paymentData: r.payment_data,
  status: r.status,
  createdAt: r.created_at,
});

/**
 * A stateful App IO for development and tests, kept in PostgreSQL (dev_io_*) so every app process
 * sees the same IO: profiles (on IO or not, the Comune's service allowed or not), each citizen's
 * inbox, and injected faults. It answers as IO's API does: the same limits (400 with the fields),
 * 404 for a citizen not on IO, 403 when the citizen does not allow the service, 429/5xx or no
 * answer when told to fail. Served at /dev-io only when DEV_IO_ENABLED (refused in production).
 */
@Injectable()
export class FakeAppIo implements OnApplicationBootstrap {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seeds the demo citizens (on IO, service allowed; see DEV_IO_ABSENT_DEMO_CITIZENS) once; later changes made at /dev-io stay. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEV_IO_ENABLED) return;
    for (const c of DEMO_CITIZENS) {
      if (DEV_IO_ABSENT_DEMO_CITIZENS.includes(c.fiscalCode)) continue;
      await this.tx.dataSource.query(`insert into dev_io_profile (fiscal_code) values ($1) on conflict do nothing`, [c.fiscalCode]);
    }
  }

  async profile(fiscalCode: unknown): Promise<DevIoAnswer> {
    if (typeof fiscalCode !== 'string' || !IO_FISCAL_CODE.test(fiscalCode)) {
      return problem(400, 'Invalid fiscal code', 'fiscal_code is not a valid Italian fiscal code', [{ field: 'fiscal_code', message: 'invalid fiscal code' }]);
    }
    const fault = await this.takeFault('profile');
    if (fault) return fault.status === 0 ? { kind: 'hang' } : problem(fault.status, 'Injected fault', 'the development IO was told to fail');
    const rows: Array<{ sender_allowed: boolean }> = await this.tx.dataSource.query(`select sender_allowed from dev_io_profile where fiscal_code = $1`, [fiscalCode]);
    if (!rows[0]) return problem(404, 'Profile not found', 'the citizen is not on App IO');
    return { kind: 'answer', status: 200, body: { sender_allowed: rows[0].sender_allowed, preferred_languages: ['it_IT'] } };
  }

  async submit(body: unknown): Promise<DevIoAnswer> {
    const errors = ioMessageProblems(body);
    if (errors.length) return problem(400, 'Invalid NewMessage', 'the message does not meet the limits of App IO', errors);
    const b = body as { fiscal_code: string; content: { subject: string; markdown: string; due_date?: string; payment_data?: Record<string, unknown> } };
    const fault = await this.takeFault('message');
    if (fault && !fault.after_accept) return fault.status === 0 ? { kind: 'hang' } : problem(fault.status, 'Injected fault', 'the development IO was told to fail');
    const profile: Array<{ sender_allowed: boolean }> = await this.tx.dataSource.query(`select sender_allowed from dev_io_profile where fiscal_code = $1`, [b.fiscal_code]);
    if (!profile[0]) return problem(404, 'Profile not found', 'the recipient is not on App IO');
    if (!profile[0].sender_allowed) return problem(403, 'Sender not allowed', 'the recipient does not allow this service');
    const id = randomUUID().replace(/-/g, '').toUpperCase().slice(0, 26);
    await this.tx.dataSource.query(
      `insert into dev_io_message (id, fiscal_code, subject, markdown, due_date, payment_data) values ($1, $2, $3, $4, $5, $6::jsonb)`,
      [id, b.fiscal_code, b.content.subject, b.content.markdown, b.content.due_date ?? null, b.content.payment_data ? JSON.stringify(b.content.payment_data) : null],
    );
    // A fault after accepting: IO stored the message but the sender never learns its id.
    if (fault) return fault.status === 0 ? { kind: 'hang' } : problem(fault.status, 'Injected fault', 'the development IO was told to fail after accepting');
    return { kind: 'answer', status: 201, body: { id } };
  }

  async message(fiscalCode: string, id: string): Promise<DevIoAnswer> {
    const rows: MessageRow[] = await this.tx.dataSource.query(`select * from dev_io_message where fiscal_code = $1 and id = $2`, [fiscalCode, id]);
    if (!rows[0]) return problem(404, 'Message not found', 'no such message for this recipient');
    const m = toMessage(rows[0]);
    return {
      kind: 'answer',
      status: 200,
      body: {
        message: { id: m.id, fiscal_code: m.fiscalCode, created_at: m.createdAt.toISOString(), content: { subject: m.subject, markdown: m.markdown } },
        status: m.status,
      },
    };
  }

  /** Puts a citizen on IO (allowing the service or not), or takes them off (deleting nothing of their inbox). */
  async setCitizen(fiscalCode: string, state: { onIo: boolean; senderAllowed?: boolean }): Promise<void> {
    if (!IO_FISCAL_CODE.test(fiscalCode)) throw new Error(`not a fiscal code: ${fiscalCode}`);
    if (!state.onIo) {
      await this.tx.dataSource.query(`delete from dev_io_profile where fiscal_code = $1`, [fiscalCode]);
      return;
    }
    await this.tx.dataSource.query(
      `insert into dev_io_profile (fiscal_code, sender_allowed) values ($1, $2)
       on conflict (fiscal_code) do update set sender_allowed = excluded.sender_allowed, updated_at = now()`,
      [fiscalCode, state.senderAllowed ?? true],
    );
  }

  async setFault(f: DevIoFault): Promise<void> {
    await this.tx.dataSource.query(
      `insert into dev_io_fault (operation, status, remaining, after_accept) values ($1, $2, $3, $4)
       on conflict (operation) do update set status = excluded.status, remaining = excluded.remaining, after_accept = excluded.after_accept`,
      [f.operation, f.status, f.count, f.afterAccept ?? false],
    );
  }

  async inbox(fiscalCode: string): Promise<DevIoMessage[]> {
    const rows: MessageRow[] = await this.tx.dataSource.query(`select * from dev_io_message where fiscal_code = $1 order by seq`, [fiscalCode]);
    return rows.map(toMessage);
  }

  /** Every citizen the development IO knows: on IO, or with messages received while on IO. */
  async citizens(): Promise<DevIoCitizen[]> {
    const profiles: Array<{ fiscal_code: string; sender_allowed: boolean }> = await this.tx.dataSource.query(`select fiscal_code, sender_allowed from dev_io_profile order by fiscal_code`);
    const messages: MessageRow[] = await this.tx.dataSource.query(`select * from dev_io_message order by seq desc limit 500`);
    const byCode = new Map<string, DevIoCitizen>(profiles.map((p) => [p.fiscal_code, { fiscalCode: p.fiscal_code, senderAllowed: p.sender_allowed, messages: [] }]));
    for (const m of messages) {
      const c = byCode.get(m.fiscal_code);
      if (c) c.messages.push(toMessage(m));
    }
    return [...byCode.values()];
  }

  /** Consumes one injected fault for `operation`, atomically (two app processes share the counter). */
  private async takeFault(operation: FaultOperation): Promise<{ status: number; after_accept: boolean } | undefined> {
    const [rows]: [Array<{ status: number; after_accept: boolean }>, number] = await this.tx.dataSource.query(
      `update dev_io_fault set remaining = remaining - 1 where operation = $1 and remaining > 0 returning status, after_accept`,
      [operation],
    );
    return rows[0];
  }
}
