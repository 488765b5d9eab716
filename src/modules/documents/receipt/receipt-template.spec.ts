import type { CaseRow } from '../../cases';
import type { ProcedureDetail } from '../../catalogue';
import type { AttachmentRow } from '../documents.repository';
import { DocumentTemplates, parseContent } from './document-content';
import { receiptModel } from './receipt-model';

const caseRow: CaseRow & { channel: string } = {
  id: '3f0c7c2e-8a61-4d3e-9a51-0c1f6f3b2a10',
  code: 'SP-ABCDE-FGHJK',
  procedure_key: 'certificato-residenza',
  procedure_title: 'Certificato di residenza',
  office: 'anagrafe',
  citizen_fiscal_code: 'RSSMRA80A01H501U',
  citizen_name: 'Mario\nRossi',
  citizen_email: 'mario.rossi@example.it',
  status: 'inviata',
  data: {},
  instance_id: null,
  model_version_id: null,
  request_hash: null,
  protocol_number: '0000042',
  protocol_year: 2026,
  protocol_date: new Date('2026-03-02T09:15:00Z'),
  submitted_at: new Date('2026-03-02T09:14:30Z'),
  taken_in_charge_at: null,
  legal_days: 30,
  legal_deadline: '2026-04-01',
  outcome: null,
  outcome_protocol_number: null,
  outcome_protocol_year: null,
  closed_at: null,
  channel: 'web',
};

const procedure = {
  key: 'certificato-residenza',
  title: 'Certificato di residenza',
  legalBasis: 'D.P.R. 223/1989, art. 33',
  office: { key: 'anagrafe', name: 'Ufficio Anagrafe e Stato civile', email: 'anagrafe@comune.example.it' },
} as unknown as ProcedureDetail;

const attachment = { name: 'delega.pdf', size: '2048', sha256: 'a'.repeat(64) } as unknown as AttachmentRow;

describe('the ricevuta template', () => {
  const templates = new DocumentTemplates();
  const render = (attachments: AttachmentRow[]) =>
    templates.render(
      'ricevuta',
      receiptModel({ caseRow, procedure, attachments, protocol: { aoo: 'c_x000', register: 'PG' }, verification: { code: 'abcdefghij0123456789', url: 'https://comune.example.it/documenti/verifica/abcdefghij0123456789' }, comune: 'Comune di Gussago' }),
    );

  it('given a filed case, when rendered, then it carries the stamp, the case, the art. 8 data, the attachments and the verification link', () => {
    // given / when
    const content = render([attachment]);

    // then
    expect(content.title).toBe('Ricevuta di presentazione della domanda');
    // the register's owner is the configured Comune (COMUNE_NAME), not a fixed name
    expect(content.stamp).toEqual(['Comune di Gussago', 'Protocollo n. 0000042/2026', 'del 02/03/2026 alle ore 10:15', 'AOO c_x000 · Registro PG']);
    const rows = Object.fromEntries(content.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'row' ? [[b.label, b.value]] : [])));
    expect(rows).toMatchObject({
      Procedimento: 'Certificato di residenza',
      'Codice pratica': 'SP-ABCDE-FGHJK',
      Richiedente: 'Mario Rossi',
      'Codice fiscale': 'RSSMRA80A01H501U',
      'Presentata il': '02/03/2026 alle ore 10:14',
      'Ufficio competente': 'Ufficio Anagrafe e Stato civile',
      'Termine per concludere': '30 giorni dalla presentazione, entro il 01/04/2026',
      'delega.pdf (2 kB)': `SHA-256 ${'a'.repeat(64)}`,
    });
    expect(content.sections.map((s) => s.heading)).toEqual([null, 'Domanda', 'Avvio del procedimento', 'Cosa succede ora', 'Allegati']);
    expect(content.notes.join(' ')).toContain('https://comune.example.it/documenti/verifica/abcdefghij0123456789');
  });

  it('given no attachments, when rendered, then the Allegati section says so', () => {
    // given / when
    const content = render([]);

    // then
    expect(content.sections.find((s) => s.heading === 'Allegati')?.blocks).toEqual([{ kind: 'text', text: 'Nessun allegato presentato con la domanda.' }]);
  });
});

describe('parseContent', () => {
  it('given rows whose values hold the separator, when parsed, then only the first separator splits', () => {
    // given / when
    const content = parseContent('## S\n- Nota :: a :: b\ntesto libero');

    // then
    expect(content.sections).toEqual([{ heading: 'S', blocks: [{ kind: 'row', label: 'Nota', value: 'a :: b' }, { kind: 'text', text: 'testo libero' }] }]);
  });
});
