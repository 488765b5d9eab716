import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../common';
import { AnprInvalidException, AnprUnauthorizedException, AnprUnavailableException, checkFiscalCode } from './anpr.exceptions';
import type { AnprPort, ResidenceCheck } from './anpr.port';
import { ANPR_NOT_FOUND_CODE, AnprWireAnswer, AnprWireError, AnprWireRequest, checkFromWire, RESIDENCE_USE_CASE } from './anpr-wire';

export interface AnprHttpOptions {
  /** The e-service's base, e.g. the PDND/GovWay address of ANPR (or http://127.0.0.1:<port>/dev-anpr/api/v1). */
  baseUrl: string;
  /** The PDND voucher, sent as `Authorization: Bearer`. */
  bearerToken: string;
  timeoutMs: number;
  /** Why the Comune asks (motivoRichiesta), logged by ANPR. */
  reason?: string;
}

/** The path of the residence check under the e-service's base. */
export const RESIDENCE_PATH = '/accertamento-residenza';

/**
 * ANPR's residence check over HTTP, PDND style: bearer voucher, JSON, an `idOperazioneClient`
 * per call. A 404 with EN122 is "not found"; 401/403 ANPR_UNAUTHORIZED; 400 ANPR_INVALID with
 * ANPR's errors; 429, 5xx, timeouts, network failures and unreadable answers ANPR_UNAVAILABLE.
 */
export class AnprHttpAdapter implements AnprPort {
  constructor(private readonly options: AnprHttpOptions) {}

  async residence(fiscalCode: string): Promise<ResidenceCheck> {
    const cf = checkFiscalCode(fiscalCode);
    const body: AnprWireRequest = {
      idOperazioneClient: randomUUID(),
      criteriRicerca: { codiceFiscale: cf },
      datiRichiesta: { dataRiferimentoRichiesta: new Date().toISOString().slice(0, 10), motivoRichiesta: this.options.reason ?? 'Rilascio certificato', casoUso: RESIDENCE_USE_CASE },
    };
    const url = `${this.options.baseUrl}${RESIDENCE_PATH}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.options.bearerToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (e) {
      throw new AnprUnavailableException(`POST ${url}: ${(e as Error).name}: ${(e as Error).message}`, { cause: e });
    }
    const json = await res.json().catch(() => undefined);
    if (res.status === 200) {
      try {
        return checkFromWire(json as AnprWireAnswer);
      } catch (e) {
        throw new AnprUnavailableException(`POST ${url}: unreadable answer: ${(e as Error).message}`, { cause: e });
      }
    }
    const errors = (json as AnprWireError | undefined)?.listaErrori ?? [];
    const detail = errors.map((e) => `${e.codiceErroreAnomalia} ${e.testoErroreAnomalia}`).join('; ') || `HTTP ${res.status}`;
    if (res.status === 404 && (errors.length === 0 || errors.some((e) => e.codiceErroreAnomalia === ANPR_NOT_FOUND_CODE))) {
      return { outcome: 'not-found', operationId: (json as AnprWireError | undefined)?.idOperazioneANPR ?? '' };
    }
    if (res.status === 401 || res.status === 403) throw new AnprUnauthorizedException();
    if (res.status === 400) throw new AnprInvalidException(errors.length ? errors.map((e): FieldError => ({ field: 'codiceFiscale', message: e.testoErroreAnomalia, code: e.codiceErroreAnomalia })) : [{ field: 'body', message: detail }]);
    throw new AnprUnavailableException(`POST ${url}: ${res.status} ${detail}`);
  }
}
