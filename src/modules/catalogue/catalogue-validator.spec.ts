import { join } from 'node:path';
import { readCatalogueFiles } from './catalogue-files';
import { validateCatalogue } from './catalogue-validator';
import { CatalogueFiles } from './catalogue.types';

const FIXTURES = join(__dirname, '../../../test/fixtures/catalogue');
const SERVICES = ['documents.render', 'payments.createDebt', 'protocol.register'];
const P = 'processes/pratica-prova.bpmn';

/** The valid base catalogue with the files of one problem fixture laid over it. */
async function fixture(name: string): Promise<CatalogueFiles> {
  const base = await readCatalogueFiles(join(FIXTURES, 'base/processes'), join(FIXTURES, 'base/forms'));
  const over = await readCatalogueFiles(join(FIXTURES, name, 'processes'), join(FIXTURES, name, 'forms'));
  return {
    processes: new Map([...base.processes, ...over.processes]),
    forms: new Map([...base.forms, ...over.forms]),
    offices: over.offices ?? base.offices,
  };
}

async function problemsOf(name: string): Promise<string[]> {
  const outcome = await validateCatalogue(await fixture(name), SERVICES);
  return outcome.ok ? [] : outcome.problems;
}

describe('catalogue validator', () => {
  it('given the base fixture, when validated, then it is valid with its metadata, start form and task forms', async () => {
    // given
    const files = await fixture('base');
    // when
    const outcome = await validateCatalogue(files, SERVICES);
    // then
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.catalogue.procedures).toEqual([
      expect.objectContaining({
        key: 'pratica-prova',
        title: 'Pratica di prova',
        office: 'anagrafe',
        legalDays: 30,
        spidLevel: '2',
        feeCents: null,
        lifeEvents: [],
        startFormKey: 'domanda-prova',
        taskForms: [{ taskId: 'Task_Istruttoria', taskName: null, formKey: 'istruttoria-prova', candidateGroups: ['anagrafe'] }],
      }),
    ]);
    expect(outcome.catalogue.forms.map((f) => f.key)).toEqual(['domanda-prova', 'istruttoria-prova']);
  });

  it('given the shipped processes/ and forms/, when validated with the platform services registered, then there is no problem', async () => {
    // given
    const files = await readCatalogueFiles(join(__dirname, '../../../processes'), join(__dirname, '../../../forms'));
    // when
    const outcome = await validateCatalogue(files, SERVICES);
    // then
    expect(outcome.ok ? [] : outcome.problems).toEqual([]);
    expect(outcome.ok && outcome.catalogue.procedures.map((p) => p.key)).toEqual(['certificato-residenza', 'iscrizione-nido', 'occupazione-suolo-pubblico']);
  });

  it('given the shipped catalogue, when no service is registered, then each service task is reported', async () => {
    // given
    const files = await readCatalogueFiles(join(__dirname, '../../../processes'), join(__dirname, '../../../forms'));
    // when
    const outcome = await validateCatalogue(files, []);
    // then
    const tasks: Record<string, Array<[string, string]>> = {
      'certificato-residenza': [
        ['Task_ProtocolloAccoglimento', 'protocol.register'],
        ['Task_Certificato', 'documents.render'],
        ['Task_ProtocolloRigetto', 'protocol.register'],
        ['Task_Rigetto', 'documents.render'],
      ],
      'iscrizione-nido': [
        ['Task_ProtocolloIntegrazione', 'protocol.register'],
        ['Task_AttoIntegrazione', 'documents.render'],
        ['Task_ProtocolloPreavviso', 'protocol.register'],
        ['Task_AttoPreavviso', 'documents.render'],
        ['Task_ProtocolloAccoglimento', 'protocol.register'],
        ['Task_ProtocolloRigetto', 'protocol.register'],
        ['Task_Rigetto', 'documents.render'],
      ],
      'occupazione-suolo-pubblico': [
        ['Task_ProtocolloAccoglimento', 'protocol.register'],
        ['Task_Concessione', 'documents.render'],
        ['Task_ProtocolloRigetto', 'protocol.register'],
        ['Task_Rigetto', 'documents.render'],
        ['Task_RichiestaCanone', 'payments.createDebt'],
        ['Task_ProtocolloMancatoPagamento', 'protocol.register'],
      ],
    };
    expect(outcome.ok ? [] : outcome.problems).toEqual(
      Object.entries(tasks).flatMap(([k, list]) =>
        list.map(([task, service]) => `processes/${k}.bpmn, serviceTask ${task}: service "${service}" is not registered (registered: none)`),
      ),
    );
  });

  const cases: Array<[string, string, string[]]> = [
    [
      'a start event and a user task naming forms that do not exist',
      'unknown-form',
      [`${P}, startEvent Start: form "domanda-mancante" not found in forms/`, `${P}, userTask Task_Istruttoria: form "istruttoria-mancante" not found in forms/`],
    ],
    [
      'malformed process metadata',
      'bad-metadata',
      [
        `${P}, process pratica-prova: property "title" is missing`,
        `${P}, process pratica-prova: property "office": office "ragioneria" not found in processes/offices.json`,
        `${P}, process pratica-prova: property "category" is empty`,
        `${P}, process pratica-prova: property "legalDays" must be a whole number of days from 1 to 180, found "365"`,
        `${P}, process pratica-prova: property "spidLevel" must be 1, 2, 3 or none, found "4"`,
        `${P}, process pratica-prova: property "fee" must be a whole number of euro cents (0 or more), found "-5"`,
        `${P}, process pratica-prova: property "lifeEvents" must be a comma-separated list without empty items, found "nascita,,matrimonio"`,
      ],
    ],
    [
      'a file whose name differs from its process id',
      'file-name-mismatch',
      [`processes/pratica-altra.bpmn, process pratica-prova: process id must equal the file's key "pratica-altra"`],
    ],
    [
      'a diagram without diagram interchange',
      'no-diagram',
      [
        `${P}, process pratica-prova: has no diagram (BPMN diagram interchange); run npm run catalogue:layout or draw it in the modeler`,
        ...['startEvent Start', 'sequenceFlow f1', 'serviceTask Task_Protocollo', 'sequenceFlow f2', 'userTask Task_Istruttoria', 'sequenceFlow f3', 'endEvent End'].map(
          (element) => `${P}, ${element}: Element is missing bpmndi`,
        ),
      ],
    ],
    ['a process that is not executable', 'not-executable', [`${P}, process pratica-prova: isExecutable must be "true"`]],
    [
      'a file without the camunda: namespace prefix',
      'no-camunda-namespace',
      [`${P}, definitions Defs_prova: camunda namespace is not declared (xmlns:camunda="http://camunda.org/schema/1.0/bpmn")`],
    ],
    ['a file with two executable processes', 'two-processes', [`${P}, definitions Defs_prova: expected exactly one executable process, found 2`]],
    ['a flow to a missing element', 'moddle-warnings', [`${P}, definitions Defs_prova: bpmn-moddle warning: unresolved reference <Fine_Inesistente>`]],
    ['a file that is not XML', 'not-xml', [`${P}, file pratica-prova.bpmn: not a BPMN 2.0 document (unparsable content detected)`]],
    [
      'a service task naming an unregistered service',
      'unknown-service',
      [`${P}, serviceTask Task_Protocollo: service "payments.refundFee" is not registered (registered: documents.render, payments.createDebt, protocol.register)`],
    ],
    [
      'user tasks with an unknown group and with no group',
      'bad-candidate-groups',
      [
        `${P}, userTask Task_Istruttoria: candidate group "ragioneria" is neither an office in processes/offices.json nor "citizen"`,
        `${P}, userTask Task_SenzaUfficio: camunda:candidateGroups is missing (an office key, or "citizen")`,
      ],
    ],
    [
      'citizen statuses that are unknown, unexplained or not an outcome on an end event',
      'citizen-status',
      [
        `${P}, serviceTask Task_Protocollo: citizenStatus "presa-in-carico" needs a non-empty citizenMessage`,
        `${P}, userTask Task_Istruttoria: citizenStatus "approvata" is not one of inviata, presa-in-carico, in-lavorazione, da-integrare, sospesa, accettata, rifiutata, conclusa`,
        `${P}, endEvent End: an end event carries the outcome: citizenStatus must be one of accettata, rifiutata, conclusa, found "in-lavorazione"`,
      ],
    ],
    [
      'scripts, unsupported elements, unsupported timers and forbidden expressions',
      'engine-lint',
      [
        `${P}, serviceTask Task_Protocollo: camunda:executionListener scripts are not allowed; put the logic in a TypeScript service task`,
        `${P}, userTask Task_Istruttoria: expression "#{eval(data.x)}" uses "eval", which the engine lint forbids`,
        `${P}, userTask Task_Istruttoria: expression "#{eval(data.x)}" uses "#", which the engine lint forbids`,
        `${P}, sequenceFlow f5: expression "$(require('fs') && data.x)" uses "require", which the engine lint forbids`,
        `${P}, scriptTask Script: script tasks are not allowed; put the logic in a TypeScript service task`,
        `${P}, complexGateway Complex: complex gateways are not supported by the engine`,
        `${P}, intermediateCatchEvent Wait: conditional events are not supported by the engine`,
        `${P}, intermediateThrowEvent Jump: link events are not supported by the engine`,
        `${P}, startEvent Every_Day: timer start events are not supported yet by the scheduler`,
        `${P}, startEvent Every_Day: timeCycle timers are not supported yet by the scheduler`,
        `${P}, boundaryEvent Reminder: non-interrupting boundary events are not supported yet; use an interrupting one`,
      ],
    ],
    [
      'a message that both starts the process and is caught by it',
      'message-start-caught',
      [
        `${P}, startEvent Start_Pagamento: message "pagamento-ricevuto" starts a process and is also caught by pratica-prova.bpmn, intermediateCatchEvent AttesaPagamento; throwMessage would start a new instance instead of correlating`,
      ],
    ],
    [
      'a user task with a single literal group inside a lane',
      'lane-single-literal',
      [`${P}, userTask Task_Istruttoria: camunda:candidateGroups "anagrafe" is a single literal inside lane Lane_Anagrafe; bpmn-server fails on it (remove the lane)`],
    ],
    [
      'forms that are not JSON, carry another id, bind one key twice, use an unknown type or a bad file name',
      'broken-forms',
      [
        'forms/domanda-prova.form.json, form domanda-prova: not valid JSON (Unexpected end of JSON input)',
        'forms/istruttoria-prova.form.json, form istruttoria-prova: form id "istruttoria-altra" does not match the expected "istruttoria-prova"',
        'forms/istruttoria-prova.form.json, form istruttoria-prova: textarea "esito": binding path "esito" is already claimed by another field',
        'forms/istruttoria-prova.form.json, form istruttoria-prova: slider "voto": unknown component type "slider"',
        'forms/Modulo_Prova.form.json, form Modulo_Prova: file name "Modulo_Prova.form.json" is not <kebab-case key>.form.json',
      ],
    ],
    [
      'offices with a duplicate key, a bad key, no name, a bad e-mail and the reserved key',
      'bad-offices',
      [
        'processes/offices.json, office anagrafe: key is declared twice',
        'processes/offices.json, office Ufficio Tributi: key "Ufficio Tributi" must be kebab-case ASCII',
        'processes/offices.json, office tributi: name is missing',
        'processes/offices.json, office tributi: email "tributi-at-comune" is not a valid e-mail address',
        'processes/offices.json, office citizen: key "citizen" is reserved for tasks addressed to the citizen',
      ],
    ],
  ];

  it.each(cases)('given %s, when validated, then each problem is one line naming file and element', async (_what, name, expected) => {
    // given
    const dir = name;
    // when
    const problems = await problemsOf(dir);
    // then
    expect(problems).toEqual(expected);
  });

  it('given no offices.json and no procedure, when validated, then both absences are reported', async () => {
    // given
    const files: CatalogueFiles = { processes: new Map(), forms: new Map(), offices: null };
    // when
    const outcome = await validateCatalogue(files, SERVICES);
    // then
    expect(outcome.ok ? [] : outcome.problems).toEqual([
      'processes/offices.json, file offices.json: not found',
      'processes/, file (none): no *.bpmn procedure found',
    ]);
  });
});
