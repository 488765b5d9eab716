import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ServiceTask, ServiceTaskContext, ServiceTaskProvider, ServiceTaskResult } from '../../engine';
import { ProtocolInvalidEntryException } from '../protocol.exceptions';
import { ProtocolService } from '../protocol.service';
import { ProtocolChannel, ProtocolDirection, ProtocolDocument } from '../protocol.types';

type Applicant = { nome?: unknown; cognome?: unknown; codiceFiscale?: unknown; email?: unknown };

/**
 * `implementation="protocol.register"`: registers the case's istanza (or, with the element
 * property `direction=out`, the outcome addressed to the applicant) in the protocol register,
 * inside the engine step's transaction, and hands number, year and date back to the process
 * data (`protocollo`, or `protocolloUscita` for the outcome). The impronta is the
 * SHA-256 of the submitted data as stored on the case.
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
        // Files the filing listeners contributed (the citizen's attachments), listed with their digests.
        ...(direction === 'in' && Array.isArray(data.documentiIstanza) ? (data.documentiIstanza as ProtocolDocument[]) : []),
      ],
      registeredBy: 'system',
    });
    // The istanza's number stays the case's number; an outgoing act (the outcome) gets its own.
    const key = direction === 'out' ? 'protocolloUscita' : 'protocollo';
    return { data: { [key]: { numero: entry.number, anno: entry.year, data: entry.registeredAt } } };
  }
}
