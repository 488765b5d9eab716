/* eslint-disable @typescript-eslint/no-require-imports */
import type { ModdleElement } from './moddle-helpers';

export * from './moddle-helpers';

export interface ParsedBpmn {
  definitions: ModdleElement;
  warnings: string[];
}

type BpmnModdleCtor = new (packages?: Record<string, unknown>) => {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: Array<{ message: string }> }>;
  toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
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

export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const { rootElement, warnings } = await sharedModdle().fromXML(xml);
  return { definitions: rootElement, warnings: warnings.map((w) => w.message.split('\n')[0]) };
}

export async function serializeBpmn(definitions: ModdleElement): Promise<string> {
  return (await sharedModdle().toXML(definitions, { format: true })).xml;
}

