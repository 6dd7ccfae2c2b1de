import type { Migration } from '../migrate';
import { migration001 } from './001-foundation';
import { migration002 } from './002-polls-word-clouds';
import { migration003 } from './003-speaking-queue';
import { migration006 } from './006-records';

/** Every schema version, in order. A new feature adds its file here; a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration006];
