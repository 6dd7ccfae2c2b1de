import type * as Y from 'yjs';
import { PROPOSAL_BODY } from '../../../../shared/board-doc';
import { fragmentToProsemirror } from '../../../../shared/proposal-body';
import { toMarkdown, toPlainText } from './proposal-markdown';

export { fragmentToProsemirror };

/** A proposal's text in the forms the working group's record keeps. */
export interface ProposalBodyText {
  markdown: string;
  plainText: string;
}

/** Reads the body of a proposal document. */
export function readProposalBody(doc: Y.Doc): ProposalBodyText {
  const json = fragmentToProsemirror(doc.getXmlFragment(PROPOSAL_BODY));
  return { markdown: toMarkdown(json), plainText: toPlainText(json) };
}
