import { Writable } from 'node:stream';
import pino from 'pino';
import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pinoOptions } from './logging.module';
import { ProblemFilter } from './problem.filter';

const CF = 'RSSMRA80A01H501U';

/** A QueryFailedError as TypeORM throws it: the statement, its parameters, and pg's error with the value quoted. */
function aQueryFailure(): Error {
  const e = new Error(`duplicate key value violates unique constraint; Key (citizen_fiscal_code)=(${CF}) already exists`) as Error & Record<string, unknown>;
  e.name = 'QueryFailedError';
  e.query = 'insert into case_file (citizen_fiscal_code, citizen_name, citizen_email, data) values ($1, $2, $3, $4)';
  e.parameters = [CF, 'Mario Rossi', 'mario.rossi@example.it', '{"telefono":"3331234567"}'];
  e.code = '23505';
  e.detail = `Key (citizen_fiscal_code)=(${CF}) already exists.`;
  e.constraint = 'case_file_idem_key';
  e.driverError = { code: '23505', detail: e.detail, message: e.message };
  return e;
}

describe('logs carry ids, never personal data (issue 9 probe: a 500 logged SQL parameters)', () => {
  it('given a SQL failure, when the problem filter answers 500, then the logged error has no parameters, query, fiscal code, name, e-mail or form data', () => {
    // given
    const logged: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const res = { status: jest.fn().mockReturnThis(), type: jest.fn().mockReturnThis(), send: jest.fn().mockReturnThis(), setHeader: jest.fn() };
    const req = { method: 'POST', originalUrl: `/api/v1/cases?q=${CF}`, headers: {} };
    // when
    new ProblemFilter().respond(aQueryFailure(), req as unknown as Request, res as unknown as Response);
    spy.mockRestore();
    // then
    expect(res.status).toHaveBeenCalledWith(500);
    const text = JSON.stringify(logged);
    expect(text).toContain('23505');
    expect(text).toContain('case_file_idem_key');
    for (const secret of [CF, 'Mario Rossi', 'mario.rossi@example.it', '3331234567', 'insert into']) expect(text).not.toContain(secret);
  });

  it('given the pino options, when personal fields and an SQL error are logged, then they are redacted', () => {
    // given
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = pino(pinoOptions('info'), sink);
    // when
    log.error({ err: aQueryFailure(), caseId: 'c-1', citizen: { fiscalCode: CF, email: 'mario.rossi@example.it', data: { telefono: '3331234567' } }, token: 'eyJhbGciOi' }, 'failed');
    log.info({ req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } }, citizenName: 'Mario Rossi' }, 'request');
    // then
    const text = lines.join('');
    expect(text).toContain('c-1');
    for (const secret of [CF, 'Mario Rossi', 'mario.rossi@example.it', '3331234567', 'eyJhbGciOi', 'Bearer abc', 'sid=1']) expect(text).not.toContain(secret);
  });
});
