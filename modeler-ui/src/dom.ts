/** Tiny DOM helper: text content only, never HTML strings, so nothing from a diagram is parsed as markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** A labelled input with a slot for its error, read out with the field (aria-describedby). */
export function field(id: string, label: string, input: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  input.id = id;
  input.name = id;
  const describedBy = [`${id}-error`, ...(hint ? [`${id}-hint`] : [])].join(' ');
  input.setAttribute('aria-describedby', describedBy);
  return el(
    'div',
    { class: 'sp-field' },
    el('label', { for: id }, label),
    input,
    ...(hint ? [el('span', { class: 'sp-hint', id: `${id}-hint` }, hint)] : []),
    el('span', { class: 'sp-field-error', id: `${id}-error` }),
  );
}

/**
 * Shows a refused call's errors inline on the fields they name (`names` maps an API field to an input id);
 * whatever names no input goes to `fallback`. Focuses the first field in error.
 */
export function showErrors(root: HTMLElement, error: unknown, names: Record<string, string>, fallback: HTMLElement): void {
  for (const input of root.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const slot of root.querySelectorAll('.sp-field-error')) slot.textContent = '';
  fallback.textContent = '';
  const fieldErrors = (error as { fieldErrors?: Array<{ field: string; message: string }> }).fieldErrors ?? [];
  let first: HTMLElement | null = null;
  for (const { field: name, message } of fieldErrors) {
    const input = names[name] ? root.querySelector<HTMLElement>(`#${names[name]}`) : null;
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const slot = root.querySelector(`#${names[name]}-error`);
    if (slot) slot.textContent = message;
    first ??= input;
  }
  if (first) first.focus();
  else fallback.textContent = error instanceof Error ? error.message : String(error);
}
