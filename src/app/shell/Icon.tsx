// Small inline SVG icons. Emoji (📱 🖨 ⏰) render as empty boxes on a phone or kiosk without an
// emoji font, so every pictogram the app needs is drawn here instead. Icons are decoration only
// (aria-hidden): the words next to them carry the meaning, never the picture or its colour.
export type IconName = 'device' | 'printer' | 'alarm' | 'upload' | 'check' | 'warning' | 'cross' | 'chevronDown' | 'chevronUp';

const PATHS: Record<IconName, string> = {
  // A phone: rounded body and the speaker/home marks.
  device: 'M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zM8 4v14h8V4zM11 19.5h2',
  printer: 'M7 3h10v5H7zM5 9h14a2 2 0 0 1 2 2v5h-4v5H7v-5H3v-5a2 2 0 0 1 2-2zM9 15v4h6v-4z',
  alarm: 'M12 5a8 8 0 1 1 0 16a8 8 0 0 1 0-16zM12 9v4.5l3 2M3 6l3-3M21 6l-3-3',
  upload: 'M12 20V6M6 11l6-6l6 6M5 3h14',
  check: 'M4 12.5l5 5L20 6.5',
  warning: 'M12 3L2 20h20zM12 9v5.5M12 16.5v1.5',
  cross: 'M5 5l14 14M19 5L5 19',
  chevronDown: 'M5 9l7 7l7-7',
  chevronUp: 'M5 15l7-7l7 7',
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={`icon${className ? ` ${className}` : ''}`} viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" data-icon={name}>
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
