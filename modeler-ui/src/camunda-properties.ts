/* The camunda:properties of an element (procedure metadata, citizenStatus/citizenMessage), read and written through bpmn-js commands. */
type Bo = { get(name: string): any; set(name: string, value: unknown): void; $instanceOf(type: string): boolean; $parent?: Bo };
type Injector = { get(name: string): any };

function propertiesOf(bo: Bo): Bo | undefined {
  const ext = bo.get('extensionElements') as Bo | undefined;
  return ext ? (ext.get('values') as Bo[]).find((v) => v.$instanceOf('camunda:Properties')) : undefined;
}

export function getCamundaProperty(bo: Bo, name: string): string {
  const props = propertiesOf(bo);
  const prop = props ? (props.get('values') as Bo[]).find((p) => p.get('name') === name) : undefined;
  return (prop?.get('value') as string | undefined) ?? '';
}

/** Sets (or, with an empty value, removes) one camunda:property, creating the containers it needs. */
export function setCamundaProperty(injector: Injector, element: unknown, bo: Bo, name: string, value: string): void {
  const bpmnFactory = injector.get('bpmnFactory');
  const modeling = injector.get('modeling');
  let ext = bo.get('extensionElements') as Bo | undefined;
  if (!ext) {
    ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] }) as Bo;
    ext.$parent = bo;
    modeling.updateModdleProperties(element, bo, { extensionElements: ext });
  }
  let props = propertiesOf(bo);
  if (!props) {
    props = bpmnFactory.create('camunda:Properties', { values: [] }) as Bo;
    props.$parent = ext;
    modeling.updateModdleProperties(element, ext, { values: [...(ext.get('values') as Bo[]), props] });
  }
  const values = props.get('values') as Bo[];
  const existing = values.find((p) => p.get('name') === name);
  if (value === '') {
    if (existing) modeling.updateModdleProperties(element, props, { values: values.filter((p) => p !== existing) });
    return;
  }
  if (existing) {
    modeling.updateModdleProperties(element, existing, { value });
    return;
  }
  const prop = bpmnFactory.create('camunda:Property', { name, value }) as Bo;
  prop.$parent = props;
  modeling.updateModdleProperties(element, props, { values: [...values, prop] });
}
