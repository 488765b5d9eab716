import { attachmentRefs } from './attachment-refs';

const A = '0b9d6c1e-6f5a-4c1e-9f0e-1a2b3c4d5e6f';
const B = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('attachment references of submitted data', () => {
  it('given filepicker fields at the top, in a group with a path and in a dynamic list, then each field lists its attachment ids', () => {
    const schema = {
      components: [
        { type: 'filepicker', key: 'documentoIdentita' },
        { type: 'group', path: 'dichiarazioni', components: [{ type: 'filepicker', key: 'isee' }] },
        { type: 'dynamiclist', path: 'figli', components: [{ type: 'filepicker', key: 'certificato' }] },
        { type: 'textfield', key: 'nome' },
      ],
    };
    const data = { documentoIdentita: [A], dichiarazioni: { isee: [B] }, figli: [{ certificato: [] }, { certificato: [A, 'non-un-id'] }], nome: 'Mario' };
    expect(attachmentRefs(schema, data)).toEqual([
      { field: 'documentoIdentita', ids: [A] },
      { field: 'dichiarazioni.isee', ids: [B] },
      { field: 'figli.1.certificato', ids: [A] },
    ]);
  });

  it('given a form without filepicker fields, then there is no attachment', () => {
    expect(attachmentRefs({ components: [{ type: 'textfield', key: 'x' }] }, { x: A })).toEqual([]);
  });
});
