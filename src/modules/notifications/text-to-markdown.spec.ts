import { textToMarkdown } from './email-renderer';

describe('an e-mail text part as App IO Markdown', () => {
  it('given markup characters, a link and a signature separator, when converted, then they read as text and the link is a link', () => {
    const md = textToMarkdown('Gentile Mario,\n\nla pratica *urgente* [n. 1]\nè in_carico.\n\nVedi: https://comune.example.it/area-personale/pratiche/1\n\n--\nComune di Esempio\n');
    expect(md).toBe(
      'Gentile Mario,\n\nla pratica \\*urgente\\* \\[n. 1\\]  \nè in\\_carico.\n\nVedi: <https://comune.example.it/area-personale/pratiche/1>\n\n\\--  \nComune di Esempio',
    );
  });

  it('given lines starting with #, + or =, when converted, then none becomes a heading or a list', () => {
    expect(textToMarkdown('# uno\n+ due\n= tre')).toBe('\\# uno  \n\\+ due  \n\\= tre');
  });
});
