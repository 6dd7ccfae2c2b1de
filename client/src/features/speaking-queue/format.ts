import { OTHERS_STANDPOINT, UNDISCLOSED_STANDPOINT, type Standpoint } from '../../../../shared/standpoints';
import type { TurnTimerView } from '../../../../shared/views-speaking-queue';

/** A countdown clock: "1:45", "0:07"; never negative. */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A length of speech, written for people: "45 s", "4 min 05". */
export function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')}`;
}

/** The estimated wait in whole minutes (at least 1), or null under a minute. */
export function waitMinutes(ms: number): number | null {
  if (ms < 60_000) return null;
  return Math.round(ms / 60_000);
}

/** A turn timer as this device counts it: the server's times plus the gap between both clocks. */
export interface LocalTimer {
  view: TurnTimerView;
  /** Server clock minus this device's clock, measured when the timer arrived. */
  skewMs: number;
}

/** Where a timer stands at `now` (this device's clock). */
export interface TimerReading {
  remainingMs: number;
  /** 0 at the start, 1 at the end. */
  elapsedShare: number;
  phase: 'running' | 'warning' | 'time_up';
}

/** Reads a timer locally, so that every screen counts down on its own between server messages. */
export function readTimer(timer: LocalTimer, now: number): TimerReading {
  const serverNow = now + timer.skewMs;
  const { endsAt, warningAt, durationMs } = timer.view;
  const remainingMs = Math.max(0, endsAt - serverNow);
  const phase = serverNow >= endsAt ? 'time_up' : serverNow >= warningAt ? 'warning' : 'running';
  return { remainingMs, elapsedShare: durationMs > 0 ? Math.min(1, 1 - remainingMs / durationMs) : 1, phase };
}

/** Labels of the keys of speaking figures that are not a workshop standpoint. */
export interface GroupLabels {
  undisclosed: string;
  others: string;
}

/** The label of a standpoint group of the speaking figures. */
export function groupLabel(
  key: string,
  standpoints: readonly Standpoint[],
  labelOf: (standpoint: Standpoint) => string,
  special: GroupLabels,
): string {
  if (key === OTHERS_STANDPOINT) return special.others;
  if (key === UNDISCLOSED_STANDPOINT) return special.undisclosed;
  const standpoint = standpoints.find((s) => s.key === key);
  return standpoint ? labelOf(standpoint) : special.others;
}
