import { MODELER_TEMPLATE } from './modeler.messages';

/** XML attribute text: the analyst's title goes into the diagram, never as markup. */
const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The forms a new procedure starts with: the citizen's request and the office's review. */
export const templateFormKeys = (key: string): { start: string; review: string } => ({ start: `richiesta-${key}`, review: `istruttoria-${key}` });

/**
 * A new procedure's first draft: metadata, the citizen's start event with its form, one review task
 * for the office, an outcome end event, and its diagram interchange, so it passes the catalogue's
 * checks and opens laid out in the modeler.
 */
export function procedureTemplate(key: string, title: string, office: string): string {
  const T = MODELER_TEMPLATE;
  const forms = templateFormKeys(key);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${key}" targetNamespace="https://comune.example.it/sportello/procedimenti" exporter="Sportello" exporterVersion="0.1.0">
  <bpmn:process id="${key}" name="${attr(title)}" isExecutable="true">
    <bpmn:extensionElements>
      <camunda:properties>
        <camunda:property name="title" value="${attr(title)}" />
        <camunda:property name="office" value="${attr(office)}" />
        <camunda:property name="category" value="${attr(T.category)}" />
        <camunda:property name="legalBasis" value="${attr(T.legalBasis)}" />
        <camunda:property name="legalDays" value="30" />
        <camunda:property name="spidLevel" value="2" />
      </camunda:properties>
    </bpmn:extensionElements>
    <bpmn:startEvent id="Start" name="${attr(T.startName)}" camunda:formKey="${forms.start}">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="citizenStatus" value="inviata" />
          <camunda:property name="citizenMessage" value="${attr(T.startMessage)}" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:outgoing>Flow_Start_Istruttoria</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="Flow_Start_Istruttoria" sourceRef="Start" targetRef="Task_Istruttoria" />
    <bpmn:userTask id="Task_Istruttoria" name="${attr(T.reviewName)}" camunda:candidateGroups="${attr(office)}" camunda:formKey="${forms.review}">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="citizenStatus" value="presa-in-carico" />
          <camunda:property name="citizenMessage" value="${attr(T.reviewMessage)}" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_Start_Istruttoria</bpmn:incoming>
      <bpmn:outgoing>Flow_Istruttoria_Fine</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_Istruttoria_Fine" sourceRef="Task_Istruttoria" targetRef="End_Conclusa" />
    <bpmn:endEvent id="End_Conclusa" name="${attr(T.endName)}">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="citizenStatus" value="conclusa" />
          <camunda:property name="citizenMessage" value="${attr(T.endMessage)}" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_Istruttoria_Fine</bpmn:incoming>
    </bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${key}">
    <bpmndi:BPMNPlane id="Plane_${key}" bpmnElement="${key}">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Istruttoria_di" bpmnElement="Task_Istruttoria">
        <dc:Bounds x="250" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_Conclusa_di" bpmnElement="End_Conclusa">
        <dc:Bounds x="412" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_Start_Istruttoria_di" bpmnElement="Flow_Start_Istruttoria">
        <di:waypoint x="188" y="120" />
        <di:waypoint x="250" y="120" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_Istruttoria_Fine_di" bpmnElement="Flow_Istruttoria_Fine">
        <di:waypoint x="350" y="120" />
        <di:waypoint x="412" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The citizen's request form of a new procedure: who files (what the protocol entry needs) and a description. */
export function startFormTemplate(formKey: string): Record<string, unknown> {
  const T = MODELER_TEMPLATE;
  return {
    id: formKey,
    type: 'default',
    schemaVersion: 16,
    components: [
      {
        type: 'group',
        id: 'Richiedente',
        label: T.applicant,
        path: 'richiedente',
        components: [
          { type: 'textfield', id: 'Nome', key: 'nome', label: T.firstName, validate: { required: true, maxLength: 80 } },
          { type: 'textfield', id: 'Cognome', key: 'cognome', label: T.lastName, validate: { required: true, maxLength: 80 } },
          {
            type: 'textfield',
            id: 'CodiceFiscale',
            key: 'codiceFiscale',
            label: T.fiscalCode,
            validate: { required: true, pattern: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$' },
          },
          { type: 'textfield', id: 'Email', key: 'email', label: T.email, validate: { required: true, validationType: 'email' } },
        ],
      },
      { type: 'textarea', id: 'Descrizione', key: 'descrizione', label: T.description, validate: { required: true, maxLength: 2000 } },
    ],
  };
}

/** The office's review form of a new procedure: a note. */
export function reviewFormTemplate(formKey: string): Record<string, unknown> {
  return {
    id: formKey,
    type: 'default',
    schemaVersion: 16,
    components: [{ type: 'textarea', id: 'Nota', key: 'nota', label: MODELER_TEMPLATE.note, validate: { maxLength: 2000 } }],
  };
}

/** An empty form the analyst fills in the form editor. */
export function emptyFormTemplate(formKey: string): Record<string, unknown> {
  return { id: formKey, type: 'default', schemaVersion: 16, components: [] };
}
