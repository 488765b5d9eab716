import { Linter } from 'bpmnlint';
import { linkSequenceFlows, parseBpmn } from '../bpmn-document';
import type { SportelloLintContext } from './lint-types';
import { CONTEXT_RULES, SPORTELLO_RULES } from './sportello-plugin';

const CTX: SportelloLintContext = { officeKeys: ['anagrafe'], formKeys: ['domanda', 'istruttoria'], serviceNames: ['protocol.register'] };
const METADATA = { title: 'Prova', office: 'anagrafe', category: 'Prove', legalBasis: 'L. 241/1990', legalDays: '30', spidLevel: '2' };

const props = (values: Record<string, string>): string =>
  `<bpmn:extensionElements><camunda:properties>${Object.entries(values)
    .map(([name, value]) => `<camunda:property name="${name}" value="${value}" />`)
    .join('')}</camunda:properties></bpmn:extensionElements>`;
const OUTCOME = props({ citizenStatus: 'conclusa', citizenMessage: 'Conclusa.' });
const DI = `<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="prova"><bpmndi:BPMNShape id="S_di" bpmnElement="Start"><dc:Bounds x="0" y="0" width="36" height="36" /></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`;

/** A one-process diagram: metadata, a plain start event with a form, then `body`, then an end event. */
function diagram(body: string, options: { metadata?: Record<string, string>; start?: string; di?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Defs" targetNamespace="x">
  <bpmn:process id="prova" isExecutable="true">${props(options.metadata ?? METADATA)}
    ${options.start ?? '<bpmn:startEvent id="Start" camunda:formKey="domanda" />'}
    ${body}
    <bpmn:endEvent id="End">${OUTCOME}</bpmn:endEvent>
  </bpmn:process>
  ${options.di ?? ''}
</bpmn:definitions>`;
}

async function lint(rule: string, xml: string): Promise<string[]> {
  const { definitions, warnings } = await parseBpmn(xml);
  expect(warnings).toEqual([]);
  linkSequenceFlows(definitions);
  const linter = new Linter({
    config: { rules: { [`sportello/${rule}`]: ['error', CONTEXT_RULES.has(rule) ? CTX : {}] } },
    resolver: {
      resolveRule: (_pkg: string, name: string) => SPORTELLO_RULES[name],
      resolveConfig: () => undefined,
    },
  });
  const results = await linter.lint(definitions);
  return Object.values(results).flat().map((r) => `${r.id ?? ''}: ${r.message}`);
}

const cases: Array<[rule: string, failing: string, expected: string[], passing: string]> = [
  [
    'diagram-required',
    diagram(''),
    ['prova: has no diagram (BPMN diagram interchange); run npm run catalogue:layout or draw it in the modeler'],
    diagram('', { di: DI }),
  ],
  [
    'process-metadata',
    diagram('', { metadata: { title: 'Prova', office: 'tributi', category: '', legalBasis: 'x', legalDays: '0', spidLevel: '4', fee: '1,50', lifeEvents: 'a,,b' } }),
    [
      'prova: property "office": office "tributi" not found in processes/offices.json',
      'prova: property "category" is empty',
      'prova: property "legalDays" must be a whole number of days from 1 to 180, found "0"',
      'prova: property "spidLevel" must be 1, 2, 3 or none, found "4"',
      'prova: property "fee" must be a whole number of euro cents (0 or more), found "1,50"',
      'prova: property "lifeEvents" must be a comma-separated list without empty items, found "a,,b"',
    ],
    diagram('', { metadata: { ...METADATA, fee: '1600', lifeEvents: 'nascita di un figlio' } }),
  ],
  [
    'start-form',
    diagram('', { start: '<bpmn:startEvent id="Start" camunda:formKey="domanda-mancante" />' }),
    ['Start: form "domanda-mancante" not found in forms/'],
    diagram(''),
  ],
  [
    'user-task',
    diagram('<bpmn:userTask id="T" camunda:candidateGroups="anagrafe, ragioneria" camunda:formKey="esito" />'),
    ['T: candidate group "ragioneria" is neither an office in processes/offices.json nor "citizen"', 'T: form "esito" not found in forms/'],
    diagram('<bpmn:userTask id="T" camunda:candidateGroups="anagrafe, citizen" camunda:formKey="istruttoria" />'),
  ],
  [
    'service-task',
    diagram('<bpmn:serviceTask id="S" implementation="payments.createDebt" />'),
    ['S: service "payments.createDebt" is not registered (registered: protocol.register)'],
    diagram('<bpmn:serviceTask id="S" implementation="protocol.register" />'),
  ],
  [
    'citizen-status',
    diagram(`<bpmn:userTask id="T" camunda:candidateGroups="anagrafe" camunda:formKey="istruttoria">${props({ citizenStatus: 'approvata', citizenMessage: 'Ok' })}</bpmn:userTask>
      <bpmn:endEvent id="End2">${props({ citizenStatus: 'in-lavorazione', citizenMessage: 'In corso.' })}</bpmn:endEvent>`),
    [
      'T: citizenStatus "approvata" is not one of inviata, presa-in-carico, in-lavorazione, da-integrare, sospesa, accettata, rifiutata, conclusa',
      'End2: an end event carries the outcome: citizenStatus must be one of accettata, rifiutata, conclusa, found "in-lavorazione"',
    ],
    diagram(`<bpmn:userTask id="T" camunda:candidateGroups="anagrafe" camunda:formKey="istruttoria">${props({ citizenStatus: 'in-lavorazione', citizenMessage: 'In esame.' })}</bpmn:userTask>`),
  ],
  [
    'no-scripts',
    diagram(`<bpmn:scriptTask id="Script" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
      <bpmn:serviceTask id="S" implementation="protocol.register"><bpmn:extensionElements><camunda:executionListener event="start"><camunda:script scriptFormat="javascript">1</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:serviceTask>`),
    ['Script: script tasks are not allowed; put the logic in a TypeScript service task', 'S: camunda:executionListener scripts are not allowed; put the logic in a TypeScript service task'],
    diagram('<bpmn:serviceTask id="S" implementation="protocol.register" />'),
  ],
  [
    'safe-expressions',
    diagram(`<bpmn:exclusiveGateway id="G" /><bpmn:sequenceFlow id="F" sourceRef="G" targetRef="End"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">$(require('fs'))</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    [`F: expression "$(require('fs'))" uses "require", which the engine lint forbids`],
    diagram(`<bpmn:exclusiveGateway id="G" /><bpmn:sequenceFlow id="F" sourceRef="G" targetRef="End"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">$(data.esito == 'accolta')</bpmn:conditionExpression></bpmn:sequenceFlow>`),
  ],
  [
    'engine-support',
    diagram(`<bpmn:complexGateway id="C" /><bpmn:userTask id="T" camunda:candidateGroups="anagrafe" camunda:formKey="istruttoria" />
      <bpmn:boundaryEvent id="B" attachedToRef="T" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`),
    [
      'C: complex gateways are not supported by the engine',
      'B: non-interrupting boundary events are not supported yet; use an interrupting one',
      'B: timeCycle timers are not supported yet by the scheduler',
    ],
    diagram(`<bpmn:userTask id="T" camunda:candidateGroups="anagrafe" camunda:formKey="istruttoria" />
      <bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`),
  ],
];

describe('bpmnlint-plugin-sportello', () => {
  it('given the plugin, when listed, then every rule has a case here', () => {
    expect(cases.map(([rule]) => rule).sort()).toEqual(Object.keys(SPORTELLO_RULES).sort());
  });

  it.each(cases)('given a diagram breaking sportello/%s, when linted, then the rule reports each problem on its element', async (rule, failing, expected) => {
    // given
    const xml = failing;
    // when
    const reports = await lint(rule, xml);
    // then
    expect(reports).toEqual(expected);
  });

  it.each(cases)('given a diagram following sportello/%s, when linted, then the rule reports nothing', async (rule, _failing, _expected, passing) => {
    // given
    const xml = passing;
    // when
    const reports = await lint(rule, xml);
    // then
    expect(reports).toEqual([]);
  });
});
