import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { documentTemplatesDir } from '../receipt/document-content';

/** `<procedure>/<name>`: a template file `src/templates/documents/<procedure>/<name>.hbs`, nothing else. */
export const ACT_TEMPLATE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const actTemplateFile = (template: string, dir: string = documentTemplatesDir()): string => join(dir, `${template}.hbs`);

export const actTemplateExists = (template: string): boolean => ACT_TEMPLATE.test(template) && existsSync(actTemplateFile(template));
