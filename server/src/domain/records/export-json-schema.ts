import { z } from 'zod';
import { recordEntrySchema } from '../../../../shared/schemas/records';
import { GROUP_RECORD_FORMAT, RECORD_FORMAT_VERSION, type GroupContribution, type GroupRecordExport, type RecordEntry } from '../../../../shared/views-records';

/** One entry version as JSON: the `RecordEntry` itself, indented for people who open the file. */
export function entryJson(entry: RecordEntry): string {
  return JSON.stringify(entry, null, 2) + '\n';
}

/** The group record as one JSON file: every workshop's current version, oldest first. */
export function groupRecordJson(group: GroupRecordExport['group'], entries: RecordEntry[], generatedAt: string): string {
  const body: GroupRecordExport = { format: GROUP_RECORD_FORMAT, formatVersion: RECORD_FORMAT_VERSION, group, generatedAt, entries };
  return JSON.stringify(body, null, 2) + '\n';
}

export function contributionJson(contribution: GroupContribution): string {
  return JSON.stringify(contribution, null, 2) + '\n';
}

let cached: object | null = null;

/** The JSON Schema (draft 2020-12) of an entry, made from the same zod schema that validates exports. */
export function entryJsonSchema(): object {
  cached ??= {
    ...z.toJSONSchema(recordEntrySchema, { target: 'draft-2020-12' }),
    title: 'Croisée record entry',
    description:
      'One version of a workshop’s record entry in a working group: aggregates and anonymous texts only. See docs/API.md, "Working-group records".',
  };
  return cached;
}
