/** One icon size per context. */
export const ICON = {
  /** Sidebar and toolbar */
  nav: 16,
  /** Inside buttons, rows and fields */
  inline: 14,
  /** Tiny markers next to text */
  small: 12,
  /** Empty and error states */
  state: 18,
} as const;

export const STROKE = 1.75;
