import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFlowElements, elementsOf, ModdleElement, parseBpmn } from '../bpmn-document';
import { addDiagramInterchange, hasDiagramInterchange, semanticPart } from './diagram-layout';

const PROCESSES = join(__dirname, '../../../../processes');
const WITHOUT_DI = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="x">
  <bpmn:process id="prova" isExecutable="true">
    <bpmn:startEvent id="Start" camunda:formKey="domanda" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Gw" />
    <bpmn:exclusiveGateway id="Gw" />
    <bpmn:sequenceFlow id="f2" sourceRef="Gw" targetRef="Task"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">$(data.ok)</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f3" sourceRef="Gw" targetRef="End" />
    <bpmn:userTask id="Task" camunda:candidateGroups="anagrafe" />
    <bpmn:boundaryEvent id="Timer" attachedToRef="Task"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="Task" targetRef="End" />
    <bpmn:sequenceFlow id="f5" sourceRef="Timer" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>
`;

function diagramElementIds(definitions: ModdleElement): Set<string> {
  const plane = (elementsOf(definitions, 'diagrams')[0]?.plane ?? { $type: '' }) as ModdleElement;
  return new Set(elementsOf(plane, 'planeElement').map((e) => (e.bpmnElement as ModdleElement | undefined)?.id ?? ''));
}

describe('diagram layout', () => {
  it('given a diagram without DI, when laid out, then every node has a shape, every flow an edge and the semantic XML is unchanged', async () => {
    // given
    expect(hasDiagramInterchange(WITHOUT_DI)).toBe(false);
    // when
    const result = await addDiagramInterchange(WITHOUT_DI);
    // then
    expect(result.changed).toBe(true);
    expect(semanticPart(result.xml)).toBe(semanticPart(WITHOUT_DI));
    const { definitions, warnings } = await parseBpmn(result.xml);
    expect(warnings).toEqual([]);
    const proc = elementsOf(definitions, 'rootElements')[0];
    expect([...diagramElementIds(definitions)].sort()).toEqual(allFlowElements(proc).map((e) => e.id).sort());
  });

  it('given a diagram that already has DI, when laid out, then it is left alone; with replace it is laid out again identically', async () => {
    // given
    const once = (await addDiagramInterchange(WITHOUT_DI)).xml;
    // when
    const again = await addDiagramInterchange(once);
    const replaced = await addDiagramInterchange(once, { replace: true });
    // then
    expect(again).toEqual({ xml: once, changed: false });
    expect(replaced.xml).toBe(once);
  });

  it.each(['certificato-residenza', 'iscrizione-nido', 'occupazione-suolo-pubblico'])(
    'given the shipped %s, when read, then it has a shape or edge for each flow element',
    async (key) => {
      // given
      const xml = readFileSync(join(PROCESSES, `${key}.bpmn`), 'utf8');
      // when
      const { definitions } = await parseBpmn(xml);
      // then
      const proc = elementsOf(definitions, 'rootElements').find((e) => e.id === key) as ModdleElement;
      const drawn = diagramElementIds(definitions);
      expect(allFlowElements(proc).filter((e) => !drawn.has(e.id ?? '')).map((e) => e.id)).toEqual([]);
    },
  );
});
