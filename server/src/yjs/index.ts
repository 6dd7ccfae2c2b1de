/** The y-websocket endpoint: shared boards and proposals as Yjs documents. See docs/YJS.md. */
export { attachYjsEndpoint, type AuthResult, type YjsEndpoint, type YjsEndpointOptions, type YjsStats } from './endpoint';
export type { DocAccess } from './connection';
export type { DocumentModule } from './document-module';
export { DEFAULT_LIMITS, type YjsLimits } from './limits';
export { MemoryYDocPersistence, type StoredDocument, type YDocPersistence } from './persistence';
export { SqliteYDocPersistence, type WriteRunner } from './sqlite-persistence';
export { CLOSE_CODES, DENIED_DOCUMENT_TOO_LARGE, DENIED_READ_ONLY } from './protocol';
export {
  DEFAULT_DOC_NAME_PATTERN,
  boardDocName,
  isValidDocName,
  parseDocName,
  proposalDocName,
  type DocumentName,
} from './doc-name';
export { tokenFromRequest } from './token';
