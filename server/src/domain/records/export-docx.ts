import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { GroupContribution, RecordEntry, RecordPoll } from '../../../../shared/views-records';
import { markdownBlocks, type TextRunSpec } from './markdown-blocks';
import {
  attendanceText,
  CONTRIBUTION_KIND_LABELS,
  duration,
  frenchDate,
  frenchDateTime,
  frenchNumber,
  HANDLED_LABELS,
  POLL_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  PUSHED_BY_LABELS,
  standpointNamer,
  turnoutText,
  WHOLE_ROOM,
} from './record-labels';

type Block = Paragraph | Table;

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;
const ORDERED = 'croisee-ordered';

const heading = (text: string, level: number) => new Paragraph({ heading: HEADINGS[Math.min(6, Math.max(0, level))], children: [new TextRun(text)] });
const para = (text: string, options: { italics?: boolean; bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, ...options })] });
const run = (r: TextRunSpec) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, ...(r.code ? { font: 'Courier New' } : {}) });

/** A table with a shaded header row; the first column holds labels, the others numbers. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): Table {
  const cell = (text: string, index: number, head: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: index > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: head })] })],
      ...(head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } } : {}),
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((t, i) => cell(t, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

/** Markdown (summary, proposal text) as document paragraphs; its headings go below `depth`. */
function markdown(text: string, depth: number): Paragraph[] {
  return markdownBlocks(text).map((block) => {
    switch (block.kind) {
      case 'heading':
        return new Paragraph({ heading: HEADINGS[Math.min(6, block.level + depth)], children: block.runs.map(run) });
      case 'paragraph':
        return new Paragraph({ children: block.runs.map(run) });
      case 'bullet':
        return new Paragraph({ bullet: { level: block.depth }, children: block.runs.map(run) });
      case 'ordered':
        return new Paragraph({ numbering: { reference: ORDERED, level: block.depth, instance: block.list }, children: block.runs.map(run) });
      case 'quote':
        return new Paragraph({ indent: { left: 720 }, children: block.runs.map((r) => run({ ...r, italics: true })) });
      case 'code':
        return new Paragraph({ children: block.text.split('\n').map((t, i) => new TextRun({ text: t, font: 'Courier New', break: i > 0 ? 1 : 0 })) });
    }
  });
}

function pollBlocks(poll: RecordPoll, depth: number, name: ReturnType<typeof standpointNamer>): Block[] {
  let about = `${POLL_KIND_LABELS[poll.kind]} · ${turnoutText(poll)}`;
  if (poll.state === 'open') about += ' · encore ouvert lors de l’envoi';
  if (poll.mean !== null && poll.scale) about += ` · moyenne ${frenchNumber(poll.mean)} sur ${poll.scale.points} (1 = ${poll.scale.minLabel}, ${poll.scale.points} = ${poll.scale.maxLabel})`;
  const groups = poll.byStandpoint;
  const rows = poll.choices.map((choice) => [
    choice.label,
    `${choice.count} (${choice.percent} %)`,
    ...groups.map((g) => {
      const c = g.choices.find((x) => x.id === choice.id);
      return c ? `${c.count} (${c.percent} %)` : '0';
    }),
  ]);
  rows.push(['Votants', String(poll.ballots), ...groups.map((g) => String(g.ballots))]);
  if (poll.mean !== null) rows.push(['Moyenne', frenchNumber(poll.mean), ...groups.map((g) => (g.mean === null ? '—' : frenchNumber(g.mean)))]);
  return [heading(poll.question, depth), para(about, { italics: true }), table(['Choix', WHOLE_ROOM, ...groups.map(name)], rows), para('')];
}

/** The paragraphs and tables of one entry; its title at `depth` (0: document title). */
function entryBlocks(entry: RecordEntry, depth: number): Block[] {
  const name = standpointNamer(entry.standpoints);
  const h = (level: number) => depth + level;
  const out: Block[] = [heading(entry.workshop.title, depth)];
  out.push(para(`${entry.group.name} · ${frenchDate(entry.workshop.date)} · version ${entry.version}, ${PUSHED_BY_LABELS[entry.pushedBy]} le ${frenchDateTime(entry.pushedAt)}`, { italics: true }));
  if (entry.withdrawn) {
    out.push(para(`Version retirée le ${frenchDateTime(entry.withdrawn.at)}${entry.withdrawn.reason ? ` : ${entry.withdrawn.reason}` : ''}.`, { bold: true }));
  }
  out.push(heading('Résumé', h(1)), ...(entry.summary.trim() ? markdown(entry.summary, h(1)) : [para('Pas de résumé.', { italics: true })]));

  out.push(heading('Émargement', h(1)), para(`${attendanceText(entry)}.`));
  if (entry.attendance.byStandpoint.length) {
    const total = entry.attendance.total;
    out.push(table(['Regard', 'Présents', 'Part'], entry.attendance.byStandpoint.map((g) => [name(g), String(g.count), `${total ? Math.round((g.count * 100) / total) : 0} %`])));
  }
  out.push(para(`Un regard de moins de ${entry.privacyThreshold} personnes n’est jamais montré seul : il est compté avec les « Autres regards ».`, { italics: true }));

  if (entry.polls.length) out.push(heading('Sondages', h(1)), ...entry.polls.flatMap((p) => pollBlocks(p, h(2), name)));

  if (entry.wordClouds.length) {
    out.push(heading('Nuages de mots', h(1)));
    for (const cloud of entry.wordClouds) {
      out.push(heading(cloud.prompt, h(2)), para(`${cloud.contributors} personne(s), ${cloud.entries} mot(s) retenu(s).`, { italics: true }));
      if (cloud.words.length) {
        out.push(table(['Mot', 'Nombre', 'Par regard'], cloud.words.map((w) => [w.display, String(w.count), w.byStandpoint.map((g) => `${name(g)} : ${g.count}`).join(' ; ')])));
      }
      for (const group of cloud.byStandpoint.length > 1 ? cloud.byStandpoint : []) {
        out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${name(group)} (${group.contributors} personnes) : `, bold: true }), new TextRun(group.words.slice(0, 10).map((w) => `${w.display} (${w.count})`).join(', ') || '—')] }));
      }
      out.push(para(''));
    }
  }

  if (entry.board) {
    out.push(heading('Tableau partagé', h(1)));
    for (const column of entry.board.columns) {
      out.push(heading(column.title, h(2)));
      if (!column.cards.length) out.push(para('Aucune carte.', { italics: true }));
      for (const card of column.cards) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${card.text} — ${card.dots} gommette(s)`)] }));
    }
  }

  if (entry.proposals.length) {
    out.push(heading('Propositions', h(1)));
    for (const p of entry.proposals) {
      const supports = p.supports.byStandpoint.map((g) => `${name(g)} ${g.count}`).join(', ');
      const about = [p.theme ? `Thème : ${p.theme}` : null, p.decidedAt ? `décidée le ${frenchDateTime(p.decidedAt)}` : null, `${p.supports.total} soutien(s)${supports ? ` (${supports})` : ''}`];
      out.push(heading(`${p.title} — ${PROPOSAL_STATUS_LABELS[p.status]}`, h(2)), para(about.filter(Boolean).join(' · '), { italics: true }), ...markdown(p.text, h(2)));
    }
  }

  const s = entry.speaking;
  out.push(heading('Tours de parole', h(1)), para(`${s.total.turns} tour(s) de parole, ${duration(s.total.speakingMs)}, ${s.total.contributions} contribution(s) écrite(s).`));
  if (s.byStandpoint.length) {
    out.push(table(['Regard', 'Tours', 'Temps de parole', 'Contributions écrites'], s.byStandpoint.map((g) => [name(g), String(g.turns), duration(g.speakingMs), String(g.contributions)])));
  }

  if (entry.contributions.length) {
    out.push(heading('Contributions écrites', h(1)));
    for (const c of entry.contributions) {
      const about = [c.kind ? CONTRIBUTION_KIND_LABELS[c.kind] : null, `${c.supports} soutien(s)`, c.handled ? HANDLED_LABELS[c.handled] : null].filter(Boolean).join(' · ');
      out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${about} — `, italics: true }), new TextRun(c.text)] }));
    }
  }
  return out;
}

function pack(title: string, children: Block[]): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'Croisée',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** One entry version as a Word document. */
export function entryDocx(entry: RecordEntry): Promise<Buffer> {
  return pack(entry.workshop.title, entryBlocks(entry, 0));
}

/** The group record: every workshop's current version, oldest first. */
export function groupDocx(group: { name: string; purpose: string }, entries: readonly RecordEntry[], generatedAt: string): Promise<Buffer> {
  const title = `Registre du groupe « ${group.name} »`;
  const head: Block[] = [heading(title, 0)];
  if (group.purpose.trim()) head.push(para(group.purpose));
  head.push(para(`${entries.length} atelier(s) · édité le ${frenchDateTime(generatedAt)}`, { italics: true }));
  return pack(title, [...head, ...entries.flatMap((e) => entryBlocks(e, 1))]);
}

/** The group contribution: adopted proposals by theme, with where, when and who supported them. */
export function contributionDocx(contribution: GroupContribution): Promise<Buffer> {
  const name = standpointNamer(contribution.standpoints);
  const title = `Contribution du groupe « ${contribution.group.name} »`;
  const out: Block[] = [heading(title, 0)];
  if (contribution.group.purpose.trim()) out.push(para(contribution.group.purpose));
  const count = contribution.themes.reduce((sum, t) => sum + t.proposals.length, 0);
  out.push(para(`${count} proposition(s) adoptée(s) · éditée le ${frenchDateTime(contribution.generatedAt)}`, { italics: true }));
  if (count === 0) out.push(para('Aucune proposition adoptée pour l’instant.', { italics: true }));
  for (const theme of contribution.themes) {
    out.push(heading(theme.theme ?? 'Sans thème', 1));
    for (const p of theme.proposals) {
      const when = p.adoptedAt ? frenchDateTime(p.adoptedAt) : frenchDate(p.workshop.date);
      out.push(heading(p.title, 2), para(`Adoptée lors de l’atelier « ${p.workshop.title} » du ${frenchDate(p.workshop.date)} (le ${when}).`, { italics: true }));
      out.push(...markdown(p.text, 2));
      if (p.supports.byStandpoint.length) out.push(table(['Regard', 'Soutiens'], [...p.supports.byStandpoint.map((g) => [name(g), String(g.count)]), ['Total', String(p.supports.total)]]));
      else out.push(para(`Soutiens : ${p.supports.total}.`));
      out.push(para(''));
    }
  }
  out.push(para(`Un regard de moins de ${contribution.privacyThreshold} personnes n’est jamais montré seul : il est compté avec les « Autres regards ».`, { italics: true }));
  return pack(title, out);
}
