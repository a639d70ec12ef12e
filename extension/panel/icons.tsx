/** Small inline icons (stroke, currentColor); decorative, hidden from assistive technology. */
import type { JSX } from 'preact';

const PATHS = {
  check: 'M4 10.5l4 4 8-9',
  cross: 'M5 5l10 10M15 5L5 15',
  tree: 'M5 4v12M5 8h5M5 14h5M12 6h4M12 12h4',
  search: 'M13.5 13.5L17 17M9 15A6 6 0 1 0 9 3a6 6 0 0 0 0 12z',
  copy: 'M7 7h9v10H7zM4 13V3h9',
  download: 'M10 3v10M6 9l4 4 4-4M4 16h12',
  help: 'M7.5 7.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V12M10 15v.5',
  close: 'M5 5l10 10M15 5L5 15',
  up: 'M10 15V5M6 9l4-4 4 4',
  down: 'M10 5v10M6 11l4 4 4-4',
  back: 'M12 5l-5 5 5 5',
  plus: 'M10 4v12M4 10h12',
  undo: 'M7 8H13a3.5 3.5 0 0 1 0 7H9M7 8l3-3M7 8l3 3',
  fold: 'M8 5l5 5-5 5',
  dock: 'M3 4h14v12H3zM12 4v12',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }): JSX.Element {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
