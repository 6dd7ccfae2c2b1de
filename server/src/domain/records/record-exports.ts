import type { ContributionExportFormat, RecordExportFormat } from '../../../../shared/schemas/records';
import type { GroupContribution, GroupRecordExport, RecordEntry } from '../../../../shared/views-records';
import { entriesCsv } from './export-csv';
import { contributionDocx, entryDocx, groupDocx } from './export-docx';
import { contributionJson, entryJson, groupRecordJson } from './export-json-schema';
import { contributionMarkdown, entryMarkdown, groupMarkdown } from './export-markdown';
import { entryFileName, groupFileName, MEDIA_TYPES, type ExportedFile } from './record-labels';

const file = (name: string, format: keyof typeof MEDIA_TYPES, body: string | Buffer): ExportedFile => ({
  name,
  mediaType: MEDIA_TYPES[format],
  bytes: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
});

/** One entry version in the chosen format. */
export async function entryFile(entry: RecordEntry, format: RecordExportFormat): Promise<ExportedFile> {
  const name = entryFileName(entry, format);
  switch (format) {
    case 'md':
      return file(name, format, entryMarkdown(entry));
    case 'json':
      return file(name, format, entryJson(entry));
    case 'csv':
      return file(name, format, entriesCsv([entry]));
    case 'docx':
      return file(name, format, await entryDocx(entry));
  }
}

/** The group record (every workshop's current version) in the chosen format. */
export async function groupFile(group: GroupRecordExport['group'], entries: RecordEntry[], format: RecordExportFormat, generatedAt: string): Promise<ExportedFile> {
  const name = groupFileName('registre', group.name, format);
  switch (format) {
    case 'md':
      return file(name, format, groupMarkdown(group, entries, generatedAt));
    case 'json':
      return file(name, format, groupRecordJson(group, entries, generatedAt));
    case 'csv':
      return file(name, format, entriesCsv(entries));
    case 'docx':
      return file(name, format, await groupDocx(group, entries, generatedAt));
  }
}

/** The group contribution in the chosen format. */
export async function contributionFile(contribution: GroupContribution, format: ContributionExportFormat): Promise<ExportedFile> {
  const name = groupFileName('contribution', contribution.group.name, format);
  switch (format) {
    case 'md':
      return file(name, format, contributionMarkdown(contribution));
    case 'json':
      return file(name, format, contributionJson(contribution));
    case 'docx':
      return file(name, format, await contributionDocx(contribution));
  }
}
