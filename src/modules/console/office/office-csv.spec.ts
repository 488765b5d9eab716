import { italianCsv } from './office-csv';

describe('Italian CSV', () => {
  it('given headers and rows, when written, then a BOM, semicolons, decimal commas, CRLF and quoting as Italian Excel expects', () => {
    // when
    const csv = italianCsv(['Procedimento', 'Giorni medi'], [['Certificato; residenza', 12.5], ['Nido "girasole"', null], ['=SOMMA(A1)', 3]]);
    // then
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['Procedimento;Giorni medi', '"Certificato; residenza";12,5', '"Nido ""girasole""";', "'=SOMMA(A1);3", '']);
  });
});
