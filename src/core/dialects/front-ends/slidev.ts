// Slidev's decks (a Slidev headmatter, or a slide's own settings block in the body): the
// headmatter read as Slidev reads it, `src:` pages and web-root files read, then split as
// @slidev/parser splits (../slidev.ts).
import { looksLikeSlidev, slidevDialect, slidevSettings } from '../slidev.js';
import { readSlidevImports, slidevRootFiles } from '../slidev-src.js';
import type { FrontEnd } from '../../model.js';

export const slidevFrontEnd: FrontEnd = {
  name: 'slidev',
  claims: (raw, body) => (looksLikeSlidev(raw, body) ? 'looks' : false),
  read(raw, { source, file, text, body, keyLines, env }) {
    const known = (theme: string) => env.themes.has(theme) || !!env.revealThemes?.files.has(theme) || theme.endsWith('.css');
    const s = slidevSettings(raw, file, keyLines, known);
    return {
      values: s.values,
      tool: 'Slidev',
      diagnostics: s.diagnostics,
      async dialect() {
        // Slidev's src: pages, read here (the split itself reads no files).
        const imports = /^src:/m.test(body) ? await readSlidevImports(body, source.file, file, env) : undefined;
        const beside = await slidevRootFiles([text, ...[...(imports?.values() ?? [])].map((i) => ('text' in i ? i.text : ''))], source.file, env);
        return slidevDialect(s.first, imports, source.file, beside, keyLines);
      },
    };
  },
};
