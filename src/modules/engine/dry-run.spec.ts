import { renameProcess } from './dry-run';

describe('dry-run sandbox key', () => {
  it('given a pool diagram, when the process is renamed to the sandbox key, then the process id and the participant processRef change and nothing else', () => {
    // given
    const xml = `<bpmn:definitions><bpmn:collaboration id="C"><bpmn:participant id="P" name="prova" processRef="prova" /></bpmn:collaboration>
<bpmn:process id="prova" isExecutable="true"><bpmn:callActivity id="A" calledElement="prova-altro" /></bpmn:process>
<bpmndi:BPMNPlane id="Plane" bpmnElement="C" /></bpmn:definitions>`;
    // when
    const renamed = renameProcess(xml, 'prova', '_dryrun_1');
    // then
    expect(renamed).toBe(xml.replace('processRef="prova"', 'processRef="_dryrun_1"').replace('<bpmn:process id="prova"', '<bpmn:process id="_dryrun_1"'));
  });

  it('given a process whose id attribute is not first, when renamed, then the id still changes', () => {
    expect(renameProcess('<process isExecutable="true" id="a.b"/>', 'a.b', 'x')).toBe('<process isExecutable="true" id="x"/>');
  });
});
