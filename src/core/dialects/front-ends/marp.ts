// Marp's decks (`marp: true`, or Marp-only keys such as `paginate` or `_class`): the front
// matter read as Marp reads it (loose YAML, global and local directives), its theme found by
// name, split as Marpit splits (../marp.ts), in Marp's Markdown (line breaks kept, emoji).
import path from 'node:path';
import { marpDialect } from '../marp.js';
import { looksLikeMarp, looseMarpYaml, marpSettings } from '../marp-settings.js';
import { marpTheme } from '../marp-theme.js';
import type { FrontEnd } from '../../model.js';

export const marpFrontEnd: FrontEnd = {
  name: 'marp',
  claims: (raw) => (raw.marp === true ? 'declared' : looksLikeMarp(raw) ? 'looks' : false),
  looseYaml: (yaml, named) => (named || /^marp\s*:\s*true\s*$/m.test(yaml) ? looseMarpYaml(yaml) : undefined),
  read(raw, { source, file, keyLines, env }) {
    const m = marpSettings(raw, file, keyLines);
    let look = m.look;
    // Marp's own themes zoom a code block out to fit its slide; a deck's theme when it says so.
    let fitsCode = true;
    return {
      values: m.values,
      tool: 'Marp',
      diagnostics: m.diagnostics,
      // A Marp theme by name: the CSS file that declares it, or Marp's default look and a warning.
      async prepare() {
        if (!m.theme) return { diagnostics: [] };
        const theme = await marpTheme(m.theme.name, m.theme.line, path.dirname(source.file), file, env);
        if (theme.file) [look, fitsCode] = ['theme', theme.fitsCode ?? false];
        return { diagnostics: theme.diagnostics, ...(theme.file ? { values: { theme: theme.file }, marpThemes: theme.themes } : {}) };
      },
      dialect: () => marpDialect(m.locals, m.headingDivider, m.firstSlide, look, fitsCode),
      markdown: { breaks: true, emoji: true, chromeMarkdown: true, deckLinks: true },
    };
  },
};
