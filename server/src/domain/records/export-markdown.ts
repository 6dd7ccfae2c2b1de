import type { GroupContribution, RecordEntry, RecordPoll, RecordWordCloud } from '../../../../shared/views-records';
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

/** Escapes a participant's or facilitator's plain text so that Markdown shows it as written, on one line. */
export function inline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/([\\`*_[\]<>#|~!])/g, '\\$1')
    .trim();
}

/** Pushes a Markdown text's own headings below `depth`, so that a proposal's "# Titre" stays inside its section. */
function nestHeadings(markdown: string, depth: number): string {
  return markdown.replace(/^(#{1,6})(?=\s)/gm, (hashes) => '#'.repeat(Math.min(6, hashes.length + depth)));
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const align = (n: number) => row(['---', ...Array.from({ length: n - 1 }, () => '---:')]);

function pollSection(poll: RecordPoll, h: string, name: ReturnType<typeof standpointNamer>): string[] {
  const lines = [`${h} ${inline(poll.question)}`, ''];
  let about = `${POLL_KIND_LABELS[poll.kind]} · ${turnoutText(poll)}`;
  if (poll.state === 'open') about += ' · encore ouvert lors de l’envoi';
  if (poll.mean !== null && poll.scale) about += ` · moyenne ${frenchNumber(poll.mean)} sur ${poll.scale.points} (1 = ${inline(poll.scale.minLabel)}, ${poll.scale.points} = ${inline(poll.scale.maxLabel)})`;
  lines.push(about, '');
  const groups = poll.byStandpoint;
  lines.push(row(['Choix', WHOLE_ROOM, ...groups.map((g) => inline(name(g)))]), align(groups.length + 2));
  for (const choice of poll.choices) {
    const cells = groups.map((g) => {
      const c = g.choices.find((x) => x.id === choice.id);
      return c ? `${c.count} (${c.percent} %)` : '0';
    });
    lines.push(row([inline(choice.label), `${choice.count} (${choice.percent} %)`, ...cells]));
  }
  lines.push(row(['**Votants**', String(poll.ballots), ...groups.map((g) => String(g.ballots))]));
  if (poll.mean !== null) lines.push(row(['**Moyenne**', frenchNumber(poll.mean), ...groups.map((g) => (g.mean === null ? '—' : frenchNumber(g.mean)))]));
  lines.push('');
  return lines;
}

function cloudSection(cloud: RecordWordCloud, h: string, name: ReturnType<typeof standpointNamer>): string[] {
  const lines = [`${h} ${inline(cloud.prompt)}`, ''];
  lines.push(`${cloud.contributors} personne${cloud.contributors > 1 ? 's' : ''}, ${cloud.entries} mot${cloud.entries > 1 ? 's' : ''} retenus${cloud.state === 'open' ? ' · encore ouvert lors de l’envoi' : ''}`, '');
  if (cloud.words.length === 0) return [...lines, '_Aucun mot._', ''];
  lines.push(row(['Mot', 'Nombre', 'Par regard']), align(3));
  for (const word of cloud.words) {
    const parts = word.byStandpoint.map((g) => `${inline(name(g))} : ${g.count}`).join(' ; ');
    lines.push(row([inline(word.display), String(word.count), parts]));
  }
  lines.push('');
  if (cloud.byStandpoint.length > 1) {
    lines.push('Les mots de chaque regard :', '');
    for (const group of cloud.byStandpoint) {
      const words = group.words.slice(0, 10).map((w) => `${inline(w.display)} (${w.count})`).join(', ');
      lines.push(`- **${inline(name(group))}** (${group.contributors} personnes) : ${words || '—'}`);
    }
    lines.push('');
  }
  return lines;
}

/** One entry version as Markdown. `depth` is the level of its title (1 alone, 2 inside a group record). */
export function entryMarkdown(entry: RecordEntry, depth = 1): string {
  const h1 = '#'.repeat(depth);
  const h2 = '#'.repeat(depth + 1);
  const h3 = '#'.repeat(depth + 2);
  const name = standpointNamer(entry.standpoints);
  const lines: string[] = [`${h1} ${inline(entry.workshop.title)}`, ''];
  lines.push(
    `${inline(entry.group.name)} · ${frenchDate(entry.workshop.date)} · version ${entry.version}, ${PUSHED_BY_LABELS[entry.pushedBy]} le ${frenchDateTime(entry.pushedAt)}`,
    '',
  );
  if (entry.withdrawn) {
    lines.push(`> **Version retirée** le ${frenchDateTime(entry.withdrawn.at)}${entry.withdrawn.reason ? ` : ${inline(entry.withdrawn.reason)}` : ''}.`, '');
  }
  lines.push(`${h2} Résumé`, '', entry.summary.trim() ? nestHeadings(entry.summary.trim(), depth + 1) : '_Pas de résumé._', '');

  lines.push(`${h2} Émargement`, '', `${attendanceText(entry)}.`, '');
  if (entry.attendance.byStandpoint.length > 0) {
    lines.push(row(['Regard', 'Présents', 'Part']), align(3));
    for (const g of entry.attendance.byStandpoint) {
      lines.push(row([inline(name(g)), String(g.count), `${entry.attendance.total ? Math.round((g.count * 100) / entry.attendance.total) : 0} %`]));
    }
    lines.push('');
  }
  lines.push(`_Un regard de moins de ${entry.privacyThreshold} personnes n’est jamais montré seul : il est compté avec les « Autres regards »._`, '');

  if (entry.polls.length) lines.push(`${h2} Sondages`, '', ...entry.polls.flatMap((p) => pollSection(p, h3, name)));
  if (entry.wordClouds.length) lines.push(`${h2} Nuages de mots`, '', ...entry.wordClouds.flatMap((c) => cloudSection(c, h3, name)));

  if (entry.board) {
    lines.push(`${h2} Tableau partagé`, '');
    for (const column of entry.board.columns) {
      lines.push(`${h3} ${inline(column.title)}`, '');
      if (column.cards.length === 0) lines.push('_Aucune carte._');
      for (const card of column.cards) lines.push(`- ${inline(card.text)} — ${card.dots} gommette${card.dots > 1 ? 's' : ''}`);
      lines.push('');
    }
  }

  if (entry.proposals.length) {
    lines.push(`${h2} Propositions`, '');
    for (const p of entry.proposals) {
      const supports = p.supports.byStandpoint.map((g) => `${inline(name(g))} ${g.count}`).join(', ');
      lines.push(`${h3} ${inline(p.title)} — ${PROPOSAL_STATUS_LABELS[p.status]}`, '');
      const about = [p.theme ? `Thème : ${inline(p.theme)}` : null, p.decidedAt ? `décidée le ${frenchDateTime(p.decidedAt)}` : null, `${p.supports.total} soutien${p.supports.total > 1 ? 's' : ''}${supports ? ` (${supports})` : ''}`];
      lines.push(`_${about.filter(Boolean).join(' · ')}_`, '', p.text.trim() ? nestHeadings(p.text.trim(), depth + 2) : '_Texte vide._', '');
    }
  }

  lines.push(`${h2} Tours de parole`, '');
  const s = entry.speaking;
  lines.push(`${s.total.turns} tour${s.total.turns > 1 ? 's' : ''} de parole, ${duration(s.total.speakingMs)}, ${s.total.contributions} contribution${s.total.contributions > 1 ? 's' : ''} écrite${s.total.contributions > 1 ? 's' : ''}.`, '');
  if (s.byStandpoint.length) {
    lines.push(row(['Regard', 'Tours', 'Temps de parole', 'Contributions écrites']), align(4));
    for (const g of s.byStandpoint) lines.push(row([inline(name(g)), String(g.turns), duration(g.speakingMs), String(g.contributions)]));
    lines.push('');
  }

  if (entry.contributions.length) {
    lines.push(`${h2} Contributions écrites`, '');
    for (const c of entry.contributions) {
      const about = [c.kind ? CONTRIBUTION_KIND_LABELS[c.kind] : null, `${c.supports} soutien${c.supports > 1 ? 's' : ''}`, c.handled ? HANDLED_LABELS[c.handled] : null];
      lines.push(`- _${about.filter(Boolean).join(' · ')}_ — ${inline(c.text)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The group record: every workshop's current version, oldest first. */
export function groupMarkdown(group: { name: string; purpose: string }, entries: readonly RecordEntry[], generatedAt: string): string {
  const head = [`# Registre du groupe « ${inline(group.name)} »`, ''];
  if (group.purpose.trim()) head.push(inline(group.purpose), '');
  head.push(`_${entries.length} atelier${entries.length > 1 ? 's' : ''} · édité le ${frenchDateTime(generatedAt)}_`, '');
  return [...head, ...entries.map((e) => entryMarkdown(e, 2))].join('\n');
}

/** The group contribution: adopted proposals by theme, with where, when and who supported them. */
export function contributionMarkdown(contribution: GroupContribution): string {
  const name = standpointNamer(contribution.standpoints);
  const lines = [`# Contribution du groupe « ${inline(contribution.group.name)} »`, ''];
  if (contribution.group.purpose.trim()) lines.push(inline(contribution.group.purpose), '');
  const count = contribution.themes.reduce((sum, t) => sum + t.proposals.length, 0);
  lines.push(`_${count} proposition${count > 1 ? 's' : ''} adoptée${count > 1 ? 's' : ''} · éditée le ${frenchDateTime(contribution.generatedAt)}_`, '');
  if (count === 0) lines.push('_Aucune proposition adoptée pour l’instant._', '');
  for (const theme of contribution.themes) {
    lines.push(`## ${theme.theme === null ? 'Sans thème' : inline(theme.theme)}`, '');
    for (const p of theme.proposals) {
      lines.push(`### ${inline(p.title)}`, '');
      const when = p.adoptedAt ? frenchDateTime(p.adoptedAt) : frenchDate(p.workshop.date);
      lines.push(`_Adoptée lors de l’atelier « ${inline(p.workshop.title)} » du ${frenchDate(p.workshop.date)} (le ${when})._`, '');
      lines.push(nestHeadings(p.text.trim(), 3) || '_Texte vide._', '');
      const supports = p.supports.byStandpoint.map((g) => `${inline(name(g))} : ${g.count}`).join(' ; ');
      lines.push(`Soutiens : ${p.supports.total}${supports ? ` — ${supports}` : ''}.`, '');
    }
  }
  lines.push(`_Un regard de moins de ${contribution.privacyThreshold} personnes n’est jamais montré seul : il est compté avec les « Autres regards »._`, '');
  return lines.join('\n');
}
