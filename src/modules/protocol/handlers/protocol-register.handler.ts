import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ServiceTask, ServiceTaskContext, ServiceTaskProvider, ServiceTaskResult } from '../../engine';
import { ProtocolInvalidEntryException } from '../protocol.exceptions';
import { ProtocolService } from '../protocol.service';
import { ProtocolChannel, ProtocolDirection } from '../protocol.types';

type Applicant = { nome?: unknown; cognome?: unknown; codiceFiscale?: unknown; email?: unknown };

/**
 * `implementation="protocol.register"`: with the element property `direction=out`, registers the
 * outcome addressed to the applicant in the protocol register, inside the engine step's
 * transaction. The istanza itself is registered by the platform when the case is filed: with
 * direction `in` (an older diagram's step after the start event) a case that already has its
 * inbound entry is left alone; only a process without one (not filed as a case) registers here.
 * The number is assigned when the step's transaction commits, and the register hands it to the
 * case; the process data gets the entry's id, year and date (`protocollo`, or `protocolloUscita`).
 * The impronta is the SHA-256 of the process data.
 */
@Injectable()
@ServiceTask('protocol.register')
export class ProtocolRegisterHandler implements ServiceTaskProvider {
  constructor(private readonly protocol: ProtocolService) {}

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    const data = ctx.instanceData;
    const applicant = ((data.richiedente ?? data) as Applicant) ?? {};
    const name = [applicant.nome, applicant.cognome].filter((v) => typeof v === 'string' && v.trim()).join(' ');
    const office = ctx.properties.office || ctx.processProperties.office;
    if (!office) {
      throw new ProtocolInvalidEntryException([{ field: 'office', message: 'ufficio non indicato nel procedimento' }]);
    }
    const direction = (ctx.properties.direction as ProtocolDirection) || 'in';
    if (direction === 'in' && typeof data.caseId === 'string' && (await this.protocol.findForCase(data.caseId, 'in'))) return {};
    const submitted = JSON.stringify(data);
    const entry = await this.protocol.register({
      direction,
      channel: (typeof data.channel === 'string' ? data.channel : 'web') as ProtocolChannel,
      correspondent: {
        name,
        ...(typeof applicant.codiceFiscale === 'string' ? { fiscalCode: applicant.codiceFiscale } : {}),
        ...(typeof applicant.email === 'string' ? { email: applicant.email } : {}),
      },
      subject: ctx.properties.subject || ctx.processProperties.title || ctx.processKey,
      office,
      ...(typeof data.caseId === 'string' ? { caseId: data.caseId } : {}),
      documents: [
        {
          name: `${ctx.processKey}.json`,
          sha256: createHash('sha256').update(submitted).digest('hex'),
          mediaType: 'application/json',
          size: Buffer.byteLength(submitted),
        },
      ],
      registeredBy: 'system',
    });
    // The istanza's number stays the case's number; an outgoing act (the outcome) gets its own.
    const key = direction === 'out' ? 'protocolloUscita' : 'protocollo';
    return { data: { [key]: { id: entry.id, anno: entry.year, data: entry.registeredAt, ...(entry.number ? { numero: entry.number } : {}) } } };
  }
}
