import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CroiseeSocket } from '../../shared/client/croisee-client';
import type { OrganiserWorkshopView } from '../../shared/views';
import { phoneContext } from '../helpers/browser';
import { nextEvent, type TestServer } from '../helpers/server';
import { ok } from '../integration/records-helpers';

/** The WCAG 2.2 A and AA rule sets of axe-core. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** What a person reads, spaces collapsed (French typography puts no-break spaces before ":" "!" "?"). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** One axe-core run over a whole page: its violations as "rule: element" lines, and how many rules it checked. */
export interface AxeAudit {
  violations: string[];
  /** Rules that found elements to check and passed on all of them. */
  passed: string[];
  /** Rules that had nothing to check on this page. */
  inapplicable: number;
}

/**
 * Runs axe-core's WCAG 2.2 A/AA rules on the whole document (header, banners and main). axe is injected
 * through the debugging protocol: the app's Content-Security-Policy (rightly) refuses inline script tags.
 */
export async function audit(page: Page): Promise<AxeAudit> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type Result = { id: string; nodes: Array<{ target: string[]; failureSummary?: string }> };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Result[]; passes: Result[]; inapplicable: Result[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)),
      passed: result.passes.map((rule) => rule.id),
      inapplicable: result.inapplicable.length,
    };
  }, [...WCAG_TAGS]);
}

/** WCAG 2.2 A/AA violations that axe-core finds within the part of the page `selector` names, as "rule: element" lines. */
export async function violationsIn(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ([within, tags]) => {
      const axe = (window as unknown as { axe: { run: (context: string, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const result = await axe.run(within, { runOnly: tags });
      return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
    },
    [selector, [...WCAG_TAGS]] as const,
  );
}

/** Whether the page fits its width (nothing to scroll sideways). */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Switches the interface language the way a person does: the FR | EN switch, or (on pages without it) the stored choice and a reload. */
export async function switchLanguage(page: Page, lang: 'fr' | 'en'): Promise<void> {
  const button = page.getByRole('button', { name: lang === 'fr' ? 'FR, Français' : 'EN, English' });
  if ((await button.count()) > 0) await button.click();
  else {
    await page.evaluate((chosen) => localStorage.setItem('croisee.lang', chosen), lang);
    await page.reload();
  }
  await page.waitForFunction((chosen) => document.documentElement.lang === chosen, lang);
}

/** A group, a workshop in it and its facilitator connected through the API, the workshop open. */
export async function liveWorkshopWithFacilitator(server: TestServer, title: string, groupName = 'Accès aux droits') {
  const group = await server.organiser.createGroup({ name: groupName, purpose: 'Faciliter l’accès aux droits sociaux' });
  const workshop: OrganiserWorkshopView = await server.organiser.createWorkshop(group.id, { title, date: '2026-11-22' });
  const facilitator: CroiseeSocket = server.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
  await nextEvent(facilitator, 'session');
  await ok(facilitator, 'workshop:open', {});
  return { group, workshop, facilitator };
}

/** A phone that joins by the workshop's link, saying its standpoint, and waits to be inside. */
export async function joinOnPhone(browser: Browser, url: string, joinCode: string, standpoint: string, locale = 'fr-FR'): Promise<Page> {
  const phone = await (await phoneContext(browser, locale)).newPage();
  await phone.goto(`${url}/j/${joinCode}`);
  await phone.getByRole('radio', { name: standpoint }).check();
  await phone.getByRole('button', { name: 'Entrer' }).click();
  await phone.getByRole('heading', { name: /^Vous êtes dans l’atelier/ }).waitFor();
  return phone;
}

/**
 * How the focused element shows its focus: the outline or box-shadow of the element itself, or of the
 * label that wraps it (the big answers draw the ring on the label), or null when nothing is drawn.
 */
export function focusRing(page: Page): Promise<{ tag: string; name: string; ring: string | null }> {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    if (!focused || focused === document.body) return { tag: 'body', name: '', ring: null };
    const drawn = (element: Element): string | null => {
      const style = getComputedStyle(element);
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
      if (style.boxShadow !== 'none') return `box-shadow ${style.boxShadow}`;
      return null;
    };
    const label = focused.closest('label');
    const outlined = (element: Element | null): string | null => {
      const style = element ? getComputedStyle(element) : null;
      return style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? `label outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : null;
    };
    const name = (focused.getAttribute('aria-label') ?? (label ?? focused).textContent ?? '').replace(/\s+/g, ' ').trim();
    return { tag: focused.tagName.toLowerCase(), name, ring: drawn(focused) ?? outlined(label) };
  });
}
