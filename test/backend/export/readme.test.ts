/** README.md documents every accountant's file and every column, as the presets write them. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../electron/backend/export/presets.ts';

/** A Markdown table row with its padding taken out: "| a | b |". */
const squeeze = (text: string) => text.replace(/[ \t]+/gu, ' ');

describe('README', () => {
  const readme = squeeze(fs.readFileSync('README.md', 'utf8'));
  for (const [id, preset] of Object.entries(PRESETS)) {
    it(`documents the ${id} preset and each of its columns`, () => {
      expect(readme).toContain(`#### ${preset.title} (\`${id}\`)`);
      for (const column of preset.columns) {
        expect(readme).toContain(squeeze(`| ${column.header} | ${column.doc} |`));
      }
    });
  }
});
