/* eslint-disable @typescript-eslint/no-require-imports */
import { createHash } from 'node:crypto';

/** The parts of a parsed BPMN definition the engine indexes per model version. */
export interface StartEventIndex {
  elementId: string;
  messageId: string | null;
  signalId: string | null;
  timer: boolean;
}

/** What the engine indexes of each flow node: type, name, form, groups and camunda:properties. */
export interface ElementIndex {
  type: string;
  name: string | null;
  formKey: string | null;
  candidateGroups: string[];
  properties: Record<string, string>;
}

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  formKey?: string;
  candidateGroups?: string;
  extensionElements?: { values?: Array<{ $type: string; values?: Array<{ name?: string; value?: string }> }> };
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  eventDefinitions?: Array<ModdleElement & { messageRef?: ModdleElement; signalRef?: ModdleElement }>;
}

interface ModdleResult {
  rootElement: ModdleElement;
  warnings: Array<{ message: string }>;
}

type BpmnModdleCtor = new (packages?: Record<string, unknown>) => {
  fromXML(xml: string): Promise<ModdleResult>;
};

let moddle: InstanceType<BpmnModdleCtor> | undefined;
function sharedModdle(): InstanceType<BpmnModdleCtor> {
  if (!moddle) {
    const BpmnModdle = require('bpmn-moddle') as BpmnModdleCtor;
    const camunda = require('camunda-bpmn-moddle/resources/camunda.json') as Record<string, unknown>;
    moddle = new BpmnModdle({ camunda });
  }
  return moddle;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Parses a model once at deploy: its executable process ids and start events (for messages and signals). */
export async function inspectModel(
  xml: string,
): Promise<{ processIds: string[]; startEvents: StartEventIndex[]; elements: Record<string, ElementIndex>; warnings: string[] }> {
  const { rootElement, warnings } = await sharedModdle().fromXML(xml);
  const processes = (rootElement.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  const startEvents: StartEventIndex[] = [];
  for (const proc of processes) {
    for (const el of proc.flowElements ?? []) {
      if (el.$type !== 'bpmn:StartEvent' || !el.id) continue;
      const defs = el.eventDefinitions ?? [];
      const msg = defs.find((d) => d.$type === 'bpmn:MessageEventDefinition');
      const sig = defs.find((d) => d.$type === 'bpmn:SignalEventDefinition');
      startEvents.push({
        elementId: el.id,
        messageId: msg?.messageRef?.name ?? null,
        signalId: sig?.signalRef?.name ?? null,
        timer: defs.some((d) => d.$type === 'bpmn:TimerEventDefinition'),
      });
    }
  }
  const elements: Record<string, ElementIndex> = {};
  const walk = (nodes: ModdleElement[]): void => {
    for (const el of nodes) {
      if (!el.id || el.$type === 'bpmn:SequenceFlow') continue;
      const properties: Record<string, string> = {};
      for (const ext of el.extensionElements?.values ?? []) {
        if (ext.$type !== 'camunda:Properties') continue;
        for (const p of ext.values ?? []) if (p.name) properties[p.name] = String(p.value ?? '');
      }
      elements[el.id] = {
        type: el.$type,
        name: el.name ?? null,
        formKey: el.formKey ?? null,
        candidateGroups: (el.candidateGroups ?? '').split(',').map((g) => g.trim()).filter(Boolean),
        properties,
      };
      if (el.flowElements) walk(el.flowElements);
    }
  };
  for (const proc of processes) walk(proc.flowElements ?? []);
  return {
    processIds: processes.map((p) => p.id ?? ''),
    startEvents,
    elements,
    warnings: warnings.map((w) => w.message),
  };
}
