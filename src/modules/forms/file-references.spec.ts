import type { FormSchema } from './form-schema.types';
import { fileReferences } from './file-references';
import { validateSubmission } from './validate-submission';

const A = '4f0c7c2e-8a61-4d3e-9a51-0c1f6f3b2a10';
const B = '5a1d8d3f-9b72-4e4f-8b62-1d2a7a4c3b21';

const schema: FormSchema = {
  id: 'allegati',
  type: 'default',
  components: [
    { type: 'filepicker', key: 'planimetria', label: 'Planimetria', accept: '.pdf', validate: { required: true } },
    { type: 'group', path: 'isee', components: [{ type: 'filepicker', key: 'attestazione', multiple: true }] },
    { type: 'dynamiclist', path: 'figli', components: [{ type: 'filepicker', key: 'certificato' }] },
  ],
};

describe('fileReferences', () => {
  it('given validated data with files in a group and a list, when read, then each filepicker names its ids and upload field', () => {
    // given
    const result = validateSubmission(schema, { planimetria: [A], isee: { attestazione: [B] }, figli: [{ certificato: null }, { certificato: [A.replace('4f', '6f')] }] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));

    // when
    const refs = fileReferences(schema, result.data);

    // then
    expect(refs).toEqual([
      { path: 'planimetria', field: 'planimetria', ids: [A], accept: '.pdf', label: 'Planimetria' },
      { path: 'isee.attestazione', field: 'isee.attestazione', ids: [B] },
      { path: 'figli[1].certificato', field: 'figli.certificato', ids: [A.replace('4f', '6f')] },
    ]);
  });

  it('given a required filepicker with an empty list, when validated, then it is required as form-js says', () => {
    // given / when
    const result = validateSubmission(schema, { planimetria: [] });

    // then
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'planimetria', code: 'required' })] });
  });

  it('given the browser-local files:: key, when validated, then the citizen is told to upload the file first', () => {
    // given / when
    const result = validateSubmission(schema, { planimetria: 'files::Field_1' });

    // then
    expect(result).toEqual({ ok: false, errors: [{ field: 'planimetria', code: 'type', message: 'Il file non è stato ancora caricato: caricarlo prima di inviare la domanda.' }] });
  });
});
