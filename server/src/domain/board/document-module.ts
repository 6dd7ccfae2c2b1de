/**
 * The document module of boards and proposals, imported by the Yjs endpoint's document workers
 * (endpoint option `documentModule`, see server/src/yjs/document-module.ts): what clients may change,
 * and the edits the server writes itself.
 */
export { checkTransaction } from './board-doc-policy';
export { documentEdits as edits } from './board-doc-edits';

/** This module's URL, to hand to the endpoint. */
export const BOARD_DOCUMENT_MODULE = new URL(import.meta.url);
