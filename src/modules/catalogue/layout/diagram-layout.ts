import { linkSequenceFlows, parseBpmn, serializeBpmn } from '../bpmn-document';

type LayoutProcess = (xml: string) => Promise<string>;

export const DI_NAMESPACES: Readonly<Record<string, string>> = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
};

const DIAGRAM_BLOCK = /<([\w.-]+:)?BPMNDiagram\b[\s\S]*<\/([\w.-]+:)?BPMNDiagram>/;
const ROOT_TAG = /<([\w.-]+:)?definitions\b[^>]*>/;
const ROOT_CLOSE = /<\/([\w.-]+:)?definitions>\s*$/;

export interface LayoutResult {
  /** The original text with a `bpmndi:BPMNDiagram` appended, or unchanged when it already had one. */
  xml: string;
  changed: boolean;
}

/** True when the document already carries a BPMN diagram (diagram interchange). */
export function hasDiagramInterchange(xml: string): boolean {
  return DIAGRAM_BLOCK.test(xml);
}

/**
 * Adds BPMN diagram interchange (shapes and edges from bpmn-auto-layout) to a diagram that has none.
 * The semantic part of the file is kept byte for byte: the computed `BPMNDiagram` is spliced in
 * before `</definitions>` and only the DI namespace declarations are added to the root tag.
 * With `replace`, an existing diagram is dropped first (after an edit left it stale).
 */
export async function addDiagramInterchange(original: string, options: { replace?: boolean } = {}): Promise<LayoutResult> {
  if (hasDiagramInterchange(original) && !options.replace) return { xml: original, changed: false };
  const xml = original.replace(DIAGRAM_BLOCK, '');
  const root = ROOT_TAG.exec(xml);
  const close = ROOT_CLOSE.exec(xml);
  if (!root || !close) throw new Error('not a BPMN 2.0 document (no definitions root element)');

  // bpmn-auto-layout ships an ES module (its bpmn-moddle 10 has no CommonJS build): load it as one.
  const specifier = 'bpmn-auto-layout';
  const { layoutProcess } = (await import(specifier)) as { layoutProcess: LayoutProcess };
  const laidOut = await layoutProcess(await withFlowReferences(xml));
  const diagram = DIAGRAM_BLOCK.exec(laidOut);
  if (!diagram) throw new Error('bpmn-auto-layout produced no diagram');

  const missing = Object.entries(DI_NAMESPACES).filter(([prefix]) => !new RegExp(`\\sxmlns:${prefix}\\s*=`).test(root[0]));
  const rootTag = missing.length === 0 ? root[0] : root[0].replace(/\s*(\/?)>$/, `${missing.map(([p, uri]) => ` xmlns:${p}="${uri}"`).join('')}$1>`);
  const indent = /\n([ \t]*)<[^/!?]/.exec(xml.slice(root.index + root[0].length))?.[1] ?? '  ';
  const block = diagram[0].replace(/^<(\w+:)?/, '<bpmndi:').replace(/<\/(\w+:)?BPMNDiagram>$/, '</bpmndi:BPMNDiagram>');
  const body = xml.slice(root.index + root[0].length, close.index).replace(/\s*$/, '\n');
  return {
    xml: `${xml.slice(0, root.index)}${rootTag}${body}${indent}${block}\n${xml.slice(close.index)}`,
    changed: true,
  };
}

/**
 * bpmn-auto-layout walks `incoming`/`outgoing`, which hand-written files leave out (sourceRef and
 * targetRef say the same). The layout input, never the saved file, gets them filled in.
 */
async function withFlowReferences(xml: string): Promise<string> {
  const { definitions } = await parseBpmn(xml);
  linkSequenceFlows(definitions);
  return serializeBpmn(definitions);
}

/** The file without its diagram interchange: what the engine reads. Used to prove a layout changed no semantics. */
export function semanticPart(xml: string): string {
  let out = xml.replace(DIAGRAM_BLOCK, '');
  for (const [prefix, uri] of Object.entries(DI_NAMESPACES)) out = out.replace(` xmlns:${prefix}="${uri}"`, '');
  return out.replace(/\s*(<\/([\w.-]+:)?definitions>\s*)$/, '\n$1');
}
