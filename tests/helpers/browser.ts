import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from './server';

export const CHROMIUM_PATH = process.env.CROISEE_CHROMIUM ?? '/usr/bin/chromium';
/** The built client, as the test server serves it. */
export const CLIENT_DIR = path.resolve('client/dist');
/** Where browser tests leave the screenshots the documentation shows. */
export const SCREENSHOTS = path.resolve('docs/screenshots');

/** Fails loudly when the client was not built: browser tests never skip. */
export function requireClientBuild(): void {
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    throw new Error(`${CLIENT_DIR}/index.html is missing: build the client first (npx vite build --config client/vite.config.ts)`);
  }
}

/**
 * Launches Debian's Chromium headless. Fails loudly when it is missing: browser tests never skip.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CROISEE_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A small-phone context (360×740, touch, French). */
export function phoneContext(browser: Browser, locale = 'fr-FR'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale });
}

/** A projection-sized context (1920×1080). */
export function projectionContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR' });
}

/** A laptop context for the facilitator and organiser. */
export function laptopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
}

/** A test server serving the built client, and the Chromium that looks at it. */
export interface ServedClient {
  server: TestServer;
  browser: Browser;
}

/**
 * The usual start of a browser test file: checks the client build, makes the screenshots folder, starts a test
 * server with the built client and launches Chromium. Close both with `closeServedClient`.
 */
export async function startServedClient(): Promise<ServedClient> {
  requireClientBuild();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startTestServer({ clientDir: CLIENT_DIR });
  try {
    return { server, browser: await launchBrowser() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Closes what `startServedClient` opened; either may be missing when the start failed. */
export async function closeServedClient(served: Partial<ServedClient>): Promise<void> {
  await served.browser?.close();
  await served.server?.close();
}
