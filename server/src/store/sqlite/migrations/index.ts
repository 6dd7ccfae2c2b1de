import type { Migration } from '../migrate';
import { migration001 } from './001-foundation';
import { migration002 } from './002-polls-word-clouds';
import { migration003 } from './003-speaking-queue';
import { migration004 } from './004-yjs-documents';
import { migration005 } from './005-board-proposals';
import { migration006 } from './006-records';
import { migration007 } from './007-proposal-screen';

/** Every schema version, in order. A new feature adds its file here; a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007];
