import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elementsOf, parseBpmn } from './bpmn-document';
import { citizenPhases } from './citizen-phases';

const processOf = async (xml: string) => elementsOf((await parseBpmn(xml)).definitions, 'rootElements').find((e) => e.$type === 'bpmn:Process')!;
const shipped = (key: string) => readFileSync(join(__dirname, '..', '..', '..', 'processes', `${key}.bpmn`), 'utf8');

describe('citizen phases from the diagram', () => {
  it.each([
    ['certificato-residenza', ['inviata', 'presa-in-carico', 'accettata', 'rifiutata']],
    ['iscrizione-nido', ['inviata', 'presa-in-carico', 'in-lavorazione', 'da-integrare', 'sospesa', 'accettata', 'rifiutata']],
    ['occupazione-suolo-pubblico', ['inviata', 'presa-in-carico', 'in-lavorazione', 'rifiutata', 'accettata']],
  ])('given the shipped diagram %s, when walked from its start event, then its citizen phases come in diagram order', async (key, phases) => {
    expect(citizenPhases(await processOf(shipped(key)))).toEqual(phases);
  });

  it('given flows declared out of order, a status reached only through a boundary timer and an unreachable node, when walked, then order follows the flows and unreachable statuses are left out', async () => {
    const prop = (v: string) => `<bpmn:extensionElements><camunda:properties><camunda:property name="citizenStatus" value="${v}" /></camunda:properties></bpmn:extensionElements>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:endEvent id="End">${prop('conclusa')}</bpmn:endEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="End" />
    <bpmn:userTask id="B">${prop('in-lavorazione')}</bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B" />
    <bpmn:boundaryEvent id="T" attachedToRef="A"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="T" targetRef="S" />
    <bpmn:userTask id="S">${prop('sospesa')}</bpmn:userTask>
    <bpmn:sequenceFlow id="f5" sourceRef="S" targetRef="B" />
    <bpmn:userTask id="A">${prop('presa-in-carico')}</bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="A" />
    <bpmn:startEvent id="Start">${prop('inviata')}</bpmn:startEvent>
    <bpmn:userTask id="Orphan">${prop('da-integrare')}</bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;
    expect(citizenPhases(await processOf(xml))).toEqual(['inviata', 'presa-in-carico', 'in-lavorazione', 'sospesa', 'conclusa']);
  });
});
