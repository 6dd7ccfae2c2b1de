import { getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { PROPOSAL_BODY } from '../../../shared/board-doc';
import { toMarkdown, toPlainText, type PmNode } from '../../../server/src/domain/board/proposal-markdown';
import { fragmentToProsemirror, readProposalBody } from '../../../server/src/domain/board/proposal-text';

const schema = getSchema([StarterKit]);

/** A proposal document written the way the browser's editor (tiptap + y-prosemirror) writes it. */
function proposalDoc(content: JSONContent[]): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(PROPOSAL_BODY));
  return doc;
}

const text = (value: string, ...marks: string[]): JSONContent =>
  marks.length ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });

describe('a proposal read as Markdown', () => {
  it('keeps paragraphs, headings, bold and italic as the editor wrote them', () => {
    const doc = proposalDoc([
      { type: 'heading', attrs: { level: 2 }, content: [text('Accompagnement social')] },
      paragraph(text('Nous proposons un '), text('référent unique', 'bold'), text(' pour '), text('chaque', 'italic'), text(' personne.')),
    ]);
    expect(readProposalBody(doc).markdown).toBe('## Accompagnement social\n\nNous proposons un **référent unique** pour *chaque* personne.');
  });

  it('nests overlapping marks and moves spaces outside the delimiters', () => {
    const doc = proposalDoc([paragraph(text('Hello '), text('gras', 'bold'), text(' et penché', 'bold', 'italic'), text(' fin'))]);
    expect(readProposalBody(doc).markdown).toBe('Hello **gras *et penché*** fin');
  });

  it('writes bullet and ordered lists, with the start number and nested lists', () => {
    const doc = proposalDoc([
      { type: 'bulletList', content: [item(paragraph(text('Former les équipes'))), item(paragraph(text('Associer les personnes')))] },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          item(paragraph(text('Premier')), { type: 'bulletList', content: [item(paragraph(text('détail')))] }),
          item(paragraph(text('Second', 'bold'))),
        ],
      },
    ]);
    expect(readProposalBody(doc).markdown).toBe(
      ['- Former les équipes', '- Associer les personnes', '', '3. Premier', '   - détail', '4. **Second**'].join('\n'),
    );
  });

  it('escapes characters that Markdown would otherwise read as formatting', () => {
    const doc = proposalDoc([paragraph(text('# pas un titre')), paragraph(text('1. pas une liste, 2*3 = 6 et [lien]'))]);
    expect(readProposalBody(doc).markdown).toBe('\\# pas un titre\n\n1\\. pas une liste, 2\\*3 = 6 et \\[lien\\]');
  });

  it('writes quotes, code, rules, links and hard breaks', () => {
    const doc = proposalDoc([
      { type: 'blockquote', content: [paragraph(text('Rien pour nous sans nous'))] },
      paragraph(text('a'), { type: 'hardBreak' }, text('voir '), { type: 'text', text: 'le site', marks: [{ type: 'link', attrs: { href: 'https://exemple.fr/a b' } }] }),
      { type: 'horizontalRule' },
      paragraph(text('la commande '), text('npm `test`', 'code')),
      { type: 'codeBlock', attrs: { language: null }, content: [text('ligne 1\nligne 2')] },
    ]);
    expect(readProposalBody(doc).markdown).toBe(
      [
        '> Rien pour nous sans nous',
        '',
        'a\\',
        'voir [le site](https://exemple.fr/a%20b)',
        '',
        '---',
        '',
        // CommonMark strips one space on each side of a padded code span.
        'la commande `` npm `test` ``',
        '',
        '```',
        'ligne 1',
        'ligne 2',
        '```',
      ].join('\n'),
    );
  });

  it('reads an empty body as an empty text', () => {
    expect(readProposalBody(new Y.Doc())).toEqual({ markdown: '', plainText: '' });
  });
});

describe('a proposal read as plain text', () => {
  it('keeps the words, one paragraph per block and list items on their own lines', () => {
    const doc = proposalDoc([
      { type: 'heading', attrs: { level: 1 }, content: [text('Formation')] },
      paragraph(text('Des '), text('stages', 'bold'), text(' partagés.')),
      { type: 'orderedList', content: [item(paragraph(text('un'))), item(paragraph(text('deux')))] },
    ]);
    expect(readProposalBody(doc).plainText).toBe('Formation\n\nDes stages partagés.\n\n1. un\n2. deux');
  });
});

describe('the conversion of the editor document', () => {
  it('gives back the ProseMirror JSON the editor wrote', () => {
    const content = [
      { type: 'heading', attrs: { level: 3 }, content: [text('Titre')] },
      paragraph(text('Du '), text('gras', 'bold')),
    ];
    const json = fragmentToProsemirror(proposalDoc(content).getXmlFragment(PROPOSAL_BODY));
    expect(json).toEqual({ type: 'doc', content: [content[0], { type: 'paragraph', content: [text('Du '), { type: 'text', text: 'gras', marks: [{ type: 'bold' }] }] }] });
  });

  it('drops marks Markdown cannot say and keeps their text', () => {
    const doc: PmNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'souligné', marks: [{ type: 'underline' }] }] }] };
    expect(toMarkdown(doc)).toBe('souligné');
    expect(toPlainText(doc)).toBe('souligné');
  });
});
